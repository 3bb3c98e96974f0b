using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Contents.Indexes;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Contents;

/// <summary>Lists (ordered children), the navigation menu, content pickers, multiple files and the search index.</summary>
public sealed class ListMenuPickerTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Lists");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> AdminAsync()
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        return browser;
    }

    private async Task<T> InTenantAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => result = await work(s));
        return result;
    }

    private Task<string> IdByPathAsync(string path) =>
        InTenantAsync(async s => (await s.GetRequiredService<ContentManager>().GetByPathAsync(path))!.ContentItemId);

    /// <summary>Posts the editor's form, as it is plus <paramref name="fields"/>, to one of its buttons' handlers.</summary>
    private async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string url, string handler, Dictionary<string, string> fields)
    {
        var form = (await browser.GetDocumentAsync(Prefix + url)).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        form.Action = Prefix + url + "?handler=" + handler;
        return await browser.PostFormAsync(form, fields);
    }

    private async Task<List<string>> FaqQuestionsAsync(TestBrowser browser) =>
        (await browser.GetDocumentAsync(Prefix + "/faq")).QuerySelectorAll("details.faq-item summary").Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_list_shows_its_published_children_in_order_and_a_new_child_goes_last()
    {
        using var admin = await AdminAsync();
        using var visitor = site.Browser();
        var faq = await IdByPathAsync("faq");
        var before = await FaqQuestionsAsync(visitor);
        Assert.Equal(4, before.Count);
        Assert.Equal("能否先检定再申请备案？器具送来了才发现没有备案或没有预约，怎么办？", before[0]);

        var draft = await admin.SubmitAsync($"{Prefix}/admin/contents/edit?type=FaqItem&container={faq}",
            new Dictionary<string, string> { ["Title"] = "证书丢了怎么办？", ["Markdown"] = "在平台上重新下载电子证书。" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Contains(faq, TestBrowser.Location(draft)); // back to the list, to add the next one
        Assert.DoesNotContain("证书丢了怎么办？", await FaqQuestionsAsync(visitor)); // a draft is not on the portal

        var editor = await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{faq}");
        var children = editor.QuerySelectorAll("#children li a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal("证书丢了怎么办？", children[^1]);
        var childId = editor.QuerySelectorAll<IHtmlAnchorElement>("#children li a").Last().PathName.Split('/').Last();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, $"/admin/contents/edit/{childId}", "Publish", [])).StatusCode);
        Assert.Equal("证书丢了怎么办？", (await FaqQuestionsAsync(visitor))[^1]);

        // Moving it up one place changes the portal at once (the cached page is evicted).
        var move = (await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{faq}"))
            .QuerySelectorAll<IHtmlFormElement>("#children form").First(f => f.Action.Contains(childId) && f.Action.Contains("by=-1"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(move, new Dictionary<string, string>())).StatusCode);
        var after = await FaqQuestionsAsync(visitor);
        Assert.Equal("证书丢了怎么办？", after[^2]);
        Assert.Equal(before[^1], after[^1]);
    }

    [Fact]
    public async Task A_list_refuses_a_child_of_a_type_it_does_not_hold_and_cannot_be_deleted_while_it_has_children()
    {
        using var admin = await AdminAsync();
        var contacts = await IdByPathAsync("contact");
        var wrong = await admin.SubmitAsync($"{Prefix}/admin/contents/edit?type=FaqItem&container={contacts}",
            new Dictionary<string, string> { ["Title"] = "放错地方的问题" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("不能包含「问答」", await TestBrowser.ErrorsOfAsync(wrong));

        var response = await PostAsync(admin, $"/admin/contents/edit/{contacts}", "Delete", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetDocumentAsync(TestBrowser.Location(response));
        Assert.Contains("还有 9 个子项", page.Body!.TextContent);
        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(Prefix + "/contact")).StatusCode);
    }

    [Fact]
    public async Task The_portal_navigation_is_the_published_menu_and_a_bad_link_is_refused_at_its_row()
    {
        using var admin = await AdminAsync();
        using var visitor = site.Browser();
        var nav = (await visitor.GetDocumentAsync(Prefix + "/")).QuerySelectorAll("nav .nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["办事指南", "常见问题", "联系方式", "下载专区", "通知公告"], nav.Where(t => t is "办事指南" or "常见问题" or "联系方式" or "下载专区" or "通知公告"));

        var menu = await InTenantAsync(async s => (await s.GetRequiredService<ContentManager>().QueryAsync(new ContentQuery { ContentType = "Menu" })).Items.Single().ContentItemId);
        var bad = await admin.SubmitAsync($"{Prefix}/admin/contents/edit/{menu}", new Dictionary<string, string> { ["MenuText[5]"] = "坏链接", ["MenuUrl[5]"] = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("导航第 6 行", (await TestBrowser.ParseAsync(bad)).QuerySelector("[data-valmsg-for='Menu']")!.TextContent);

        var saved = await PostAsync(admin, $"/admin/contents/edit/{menu}", "Publish", new Dictionary<string, string> { ["MenuText[5]"] = "强检目录", ["MenuUrl[5]"] = "/catalog" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var links = (await visitor.GetDocumentAsync(Prefix + "/guide")).QuerySelectorAll<IHtmlAnchorElement>("nav a.nav-link");
        Assert.Contains(links, a => a.TextContent.Trim() == "强检目录" && a.PathName == Prefix + "/catalog");
    }

    [Fact]
    public async Task A_picker_shows_the_picked_pages_and_refuses_a_missing_item_or_a_type_it_does_not_allow()
    {
        using var visitor = site.Browser();
        var faqPage = await visitor.GetDocumentAsync(Prefix + "/faq");
        var related = faqPage.QuerySelectorAll<IHtmlAnchorElement>("details.faq-item a").Select(a => a.PathName).ToList();
        Assert.Contains(Prefix + "/guide", related);

        using var admin = await AdminAsync();
        var faq = await IdByPathAsync("faq");
        var news = await IdByPathAsync("news/launch");
        foreach (var (picked, message) in new[] { (new string('a', 32), "已不存在"), (news, "只能选择以下类型") })
        {
            var response = await admin.SubmitAsync($"{Prefix}/admin/contents/edit?type=FaqItem&container={faq}",
                new Dictionary<string, string> { ["Title"] = "选错了", ["Fields[Related]"] = picked }, "main form[method=post]");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await TestBrowser.ParseAsync(response)).QuerySelector("[data-valmsg-for='Fields[Related]']")!.TextContent);
        }
    }

    [Fact]
    public async Task A_multiple_file_field_keeps_several_files_and_removes_the_ticked_one()
    {
        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"{Prefix}/admin/content-types/edit/News", new Dictionary<string, string>
        {
            ["NewField.DisplayName"] = "附件", ["NewField.Name"] = "Attachments", ["NewField.Type"] = FieldTypes.Media,
            ["NewField.Multiple"] = "true", ["NewField.AllowedExtensions"] = ".pdf",
        }, "#add-field")).StatusCode);
        var pdf = "%PDF-1.4\n%\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        var saved = await admin.SubmitAsync($"{Prefix}/admin/contents/edit?type=News", new Dictionary<string, string>
        {
            ["Title"] = "两份附件", ["Path"] = "news/two", ["Fields[Date]"] = "2026-11-20",
        }, "main form[method=post]", new Dictionary<string, (string, byte[])> { ["Upload[Attachments]"] = ("一.pdf", pdf), ["Upload[Attachments]#2"] = ("two.pdf", pdf) });
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(saved));
        var id = TestBrowser.Location(saved).Split('/').Last().Split('?')[0];
        var files = await InTenantAsync(async s => FieldTypes.Values((await s.GetRequiredService<ContentManager>().GetAsync(id))!.Field("Attachments")));
        Assert.Equal(2, files.Count);

        var form = (await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(form, new Dictionary<string, string> { ["Clear[Attachments]"] = files[0] })).StatusCode);
        var left = await InTenantAsync(async s => FieldTypes.Values((await s.GetRequiredService<ContentManager>().GetAsync(id))!.Field("Attachments")));
        Assert.Equal([files[1]], left);

        var disguised = await admin.PostFormAsync((await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<IHtmlFormElement>("main form[method=post]")!,
            new Dictionary<string, string>(), new Dictionary<string, (string, byte[])> { ["Upload[Attachments]"] = ("假的.pdf", "MZ not a pdf"u8.ToArray()) });
        Assert.Equal(HttpStatusCode.OK, disguised.StatusCode);
        Assert.Contains("假的.pdf", (await TestBrowser.ParseAsync(disguised)).QuerySelector("[data-valmsg-for='Fields[Attachments]']")!.TextContent);
    }

    [Fact]
    public async Task The_search_index_follows_publish_unpublish_and_remove_and_a_failing_handler_leaves_no_index_row()
    {
        using var visitor = site.Browser();
        async Task<string> SearchAsync(string q) => (await visitor.GetDocumentAsync($"{Prefix}/search?q={Uri.EscapeDataString(q)}")).QuerySelector("#search-results")!.TextContent;

        var faq = await IdByPathAsync("faq");
        var child = await InTenantAsync(async s =>
        {
            var contents = s.GetRequiredService<ContentManager>();
            var item = await contents.NewAsync("FaqItem", "admin");
            item.SetText(ContentParts.Title, "Title", "量值溯源的周期是多久？");
            item.SetText(ContentParts.MarkdownBody, "Markdown", "按检定规程规定的周期。");
            item.SetText(ContentParts.Contained, "ListContentItemId", faq);
            return (await contents.SaveAsync(item, true, "admin")).Item!.ContentItemId;
        });
        var found = (await visitor.GetDocumentAsync($"{Prefix}/search?q={Uri.EscapeDataString("检定规程")}")).QuerySelectorAll<IHtmlAnchorElement>("#search-results a");
        Assert.Contains(found, a => a.Hash == "#item-" + child && a.PathName == Prefix + "/faq");
        Assert.Contains("量值溯源", await SearchAsync("溯源"));

        Task<ContentListEntry?> ListEntryAsync() => InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<ContentListEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == child));
        Assert.True((await ListEntryAsync())!.Published);
        await InTenantAsync(s => s.GetRequiredService<ContentManager>().UnpublishAsync(child, "admin"));
        Assert.Contains("没有找到", await SearchAsync("检定规程"));
        Assert.False((await ListEntryAsync())!.Published);
        await InTenantAsync(s => s.GetRequiredService<ContentManager>().PublishAsync(child, "admin"));
        Assert.DoesNotContain("没有找到", await SearchAsync("检定规程"));
        await InTenantAsync(s => s.GetRequiredService<ContentManager>().RemoveAsync(child, "admin"));
        Assert.Contains("没有找到", await SearchAsync("检定规程"));
        Assert.Null(await ListEntryAsync());

        var (indexed, listed) = await InTenantAsync(async s =>
        {
            var contents = s.GetRequiredService<ContentManager>();
            var item = await contents.NewAsync("FaqItem", "admin");
            item.SetText(ContentParts.Title, "Title", FailingHandler.Marker + "的问题");
            item.SetText(ContentParts.Contained, "ListContentItemId", faq);
            await Assert.ThrowsAsync<InvalidOperationException>(() => contents.SaveAsync(item, true, "admin"));
            var db = s.GetRequiredService<TenantDbContext>();
            return (await db.Set<ContentSearchEntry>().AnyAsync(e => e.ContentItemId == item.ContentItemId),
                await db.Set<ContentListEntry>().AnyAsync(e => e.ContentItemId == item.ContentItemId));
        });
        Assert.False(indexed);
        Assert.False(listed);
    }

    [Fact]
    public async Task A_list_with_a_page_size_pages_its_children()
    {
        var newsList = await IdByPathAsync("news");
        await InTenantAsync(async s =>
        {
            var contents = s.GetRequiredService<ContentManager>();
            for (var i = 1; i <= 10; i++)
            {
                var item = await contents.NewAsync("News", "admin");
                item.SetText(ContentParts.Title, "Title", $"第 {i} 号公告");
                item.SetText(ContentParts.Autoroute, "Path", $"news/n{i}");
                item.SetField("Date", System.Text.Json.Nodes.JsonValue.Create("2026-11-21"));
                item.SetText(ContentParts.Contained, "ListContentItemId", newsList);
                Assert.True((await contents.SaveAsync(item, true, "admin")).Succeeded);
            }
            return 0;
        });
        using var visitor = site.Browser();
        var first = await visitor.GetDocumentAsync(Prefix + "/news");
        Assert.Equal(10, first.QuerySelectorAll(".content-summary").Length);
        Assert.NotNull(first.QuerySelector(".pagination a[href='?page=2']"));
        var second = await visitor.GetDocumentAsync(Prefix + "/news?page=2");
        Assert.Equal("第 10 号公告", first.QuerySelector(".content-summary a")!.TextContent.Trim()); // news: the newest first
        Assert.Equal("强制检定管理平台上线试运行", second.QuerySelector(".content-summary a")!.TextContent.Trim());
    }
}
