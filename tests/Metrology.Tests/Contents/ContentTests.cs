using System.Net;
using AngleSharp.Dom;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Contents;

public sealed class ContentTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("Cms");
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            var roles = s.GetRequiredService<RoleManager<Role>>();
            var writerRole = new Role("撰稿人");
            Assert.True((await roles.CreateAsync(writerRole)).Succeeded);
            foreach (var p in new[] { "AccessAdminPanel", "EditContent" })
                await roles.AddClaimAsync(writerRole, new System.Security.Claims.Claim(Permission.ClaimType, p));
            var writer = new User { UserName = "writer", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(writer, "Writer2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(writer, "撰稿人")).Succeeded);
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> AdminAsync()
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        return browser;
    }

    private static async Task<string> NewItemIdAsync(HttpResponseMessage saved)
    {
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"save answered {(int)saved.StatusCode}: {await TestBrowser.ErrorsOfAsync(saved)}");
        return TestBrowser.Location(saved).Split('/').Last().Split('?')[0];
    }

    [Fact]
    public async Task A_type_defined_in_the_admin_gets_items_that_are_published_on_the_portal()
    {
        using var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Prefix + "/admin/content-types", new Dictionary<string, string>
        {
            ["DisplayName"] = "检定须知", ["Name"] = "Notice",
        })).StatusCode);
        var settings = await admin.SubmitAsync(Prefix + "/admin/content-types/edit/Notice", new Dictionary<string, string>
        {
            ["Parts"] = "TitlePart|AutoroutePart|MarkdownBodyPart", ["Settings.DisplayName"] = "检定须知",
            ["Settings.Creatable"] = "true", ["Settings.Listable"] = "true", ["Settings.Draftable"] = "true", ["Settings.Versionable"] = "true",
        }, "form[action*='handler=Settings']");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Prefix + "/admin/content-types/edit/Notice", new Dictionary<string, string>
        {
            ["NewField.DisplayName"] = "咨询电话", ["NewField.Name"] = "Phone", ["NewField.Type"] = "Phone", ["NewField.Required"] = "true",
        }, "#add-field")).StatusCode);

        var saved = await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Notice", new Dictionary<string, string>
        {
            ["Title"] = "送检须知", ["Path"] = "notice/delivery", ["Markdown"] = "请携带**预约单**一式两份。", ["Fields[Phone]"] = "0758-6622655",
        }, "main form[method=post]");
        var id = await NewItemIdAsync(saved);

        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(Prefix + "/notice/delivery")).StatusCode);

        var publish = await admin.SubmitAsync($"{Prefix}/admin/contents/edit/{id}", new Dictionary<string, string>(), "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        await PublishAsync(admin, id);
        var page = await visitor.GetDocumentAsync(Prefix + "/notice/delivery");
        Assert.Equal("送检须知", page.QuerySelector("article h1")!.TextContent);
        Assert.Equal("预约单", page.QuerySelector("article strong")!.TextContent);
        Assert.Contains("0758-6622655", page.QuerySelector("article dl")!.TextContent);
    }

    [Fact]
    public async Task The_portal_keeps_the_published_version_while_a_draft_is_edited_and_an_old_version_can_be_restored()
    {
        using var admin = await AdminAsync();
        var id = await NewItemIdAsync(await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Page", new Dictionary<string, string>
        {
            ["Title"] = "第一版标题", ["Path"] = "versions-demo", ["Markdown"] = "第一版正文",
        }, "main form[method=post]"));
        await PublishAsync(admin, id);

        var draft = await admin.SubmitAsync($"{Prefix}/admin/contents/edit/{id}", new Dictionary<string, string> { ["Title"] = "第二版草稿", ["Markdown"] = "草稿正文" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync(Prefix + "/versions-demo");
        Assert.Equal("第一版标题", page.QuerySelector("article h1")!.TextContent);
        Assert.DoesNotContain("草稿正文", page.Body!.TextContent);

        var history = await admin.GetDocumentAsync($"{Prefix}/admin/contents/history/{id}");
        var firstVersion = history.QuerySelectorAll("#versions tbody tr").Last().QuerySelector("button[form]")!.GetAttribute("form")!;
        var restored = await admin.PostFormAsync(history.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#" + firstVersion)!, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var editor = await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}");
        Assert.Equal("第一版标题", editor.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Title")!.Value);
        Assert.Contains("第 3 版", editor.QuerySelector("main")!.TextContent);

        var audit = await admin.GetDocumentAsync($"{Prefix}/admin/contents/history/{id}");
        Assert.Contains("发布", audit.QuerySelector("#audit")!.TextContent);
        Assert.Contains("保存草稿", audit.QuerySelector("#audit")!.TextContent);
    }

    [Fact]
    public async Task The_second_of_two_editors_saving_gets_a_conflict_and_overwrites_nothing()
    {
        using var one = await AdminAsync();
        var id = await NewItemIdAsync(await one.SubmitAsync(Prefix + "/admin/contents/edit?type=Page", new Dictionary<string, string>
        {
            ["Title"] = "冲突演示", ["Path"] = "conflict-demo",
        }, "main form[method=post]"));
        using var two = await AdminAsync();
        var formOne = (await one.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        var formTwo = (await two.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;

        Assert.Equal(HttpStatusCode.Redirect, (await one.PostFormAsync(formOne, new Dictionary<string, string> { ["Title"] = "编辑一的修改" })).StatusCode);
        var second = await two.PostFormAsync(formTwo, new Dictionary<string, string> { ["Title"] = "编辑二的修改" });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("已被他人修改", await TestBrowser.ErrorsOfAsync(second));
        var current = await one.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}");
        Assert.Equal("编辑一的修改", current.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Title")!.Value);
    }

    [Theory]
    [InlineData("Fields[Date]", "2026/01/31", "yyyy-mm-dd")]
    [InlineData("Fields[Date]", "", "请填写「发布日期」")]
    [InlineData("Path", "admin/takeover", "系统保留")]
    [InlineData("Path", "guide", "已被其他内容使用")]
    [InlineData("Title", "", "请输入标题")]
    public async Task Bad_input_is_refused_at_its_field(string field, string value, string message)
    {
        using var admin = await AdminAsync();
        var fields = new Dictionary<string, string> { ["Title"] = "坏输入", ["Path"] = "bad-" + Guid.NewGuid().ToString("N")[..6], ["Fields[Date]"] = "2026-11-20" };
        fields[field] = value;
        var response = await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=News", fields, "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
    }

    [Fact]
    public async Task A_refused_type_settings_form_keeps_what_was_typed()
    {
        using var admin = await AdminAsync();
        var response = await admin.SubmitAsync(Prefix + "/admin/content-types/edit/Page", new Dictionary<string, string>
        {
            ["Settings.DisplayName"] = "", ["Parts"] = "TitlePart",
        }, "form[action*='handler=Settings']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains("请输入显示名称", page.QuerySelector("[data-valmsg-for='Settings.DisplayName']")!.TextContent);
        Assert.False(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#part-AutoroutePart")!.IsChecked);
        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(Prefix + "/guide")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_field_setting_keeps_the_stored_values_and_applies_the_new_rule_at_the_next_save()
    {
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
            Assert.Empty(await s.GetRequiredService<ContentDefinitionStore>().SaveAsync(new ContentTypeDefinition
            {
                Name = "Notice2", DisplayName = "须知", Parts = [ContentParts.Title],
                Fields = [new ContentFieldDefinition { Name = "Code", DisplayName = "编号", Type = FieldTypes.Text }],
            })));
        using var admin = await AdminAsync();
        var id = await NewItemIdAsync(await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Notice2", new Dictionary<string, string> { ["Title"] = "旧", ["Fields[Code]"] = "ABCDEFGH" }, "main form[method=post]"));

        var settings = await admin.GetDocumentAsync(Prefix + "/admin/content-types/edit/Notice2?field=Code");
        Assert.True(settings.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#NewField_Name")!.IsReadOnly);
        var changed = await admin.SubmitAsync(Prefix + "/admin/content-types/edit/Notice2?field=Code", new Dictionary<string, string>
        {
            ["NewField.DisplayName"] = "证书编号", ["NewField.MaxLength"] = "5",
        }, "#add-field");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var editor = await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}");
        Assert.Equal("ABCDEFGH", editor.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#field-Code")!.Value);
        Assert.Contains("证书编号", editor.QuerySelector("label[for=field-Code]")!.TextContent);
        var refused = await admin.SubmitAsync($"{Prefix}/admin/contents/edit/{id}", new Dictionary<string, string> { ["Title"] = "新" }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("不能超过 5 个字符", (await TestBrowser.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Fields[Code]']")!.TextContent);
    }

    [Fact]
    public async Task An_over_long_text_field_is_refused_at_the_field()
    {
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
            Assert.Empty(await s.GetRequiredService<ContentDefinitionStore>().SaveAsync(new ContentTypeDefinition
            {
                Name = "Short", DisplayName = "短文本", Parts = [ContentParts.Title],
                Fields = [new ContentFieldDefinition { Name = "Code", DisplayName = "编号", Type = FieldTypes.Text, MaxLength = 5 }],
            })));
        using var admin = await AdminAsync();
        var response = await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Short", new Dictionary<string, string> { ["Title"] = "x", ["Fields[Code]"] = "1234567" }, "main form[method=post]");
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains("不能超过 5 个字符（当前 7 个）", page.QuerySelector("[data-valmsg-for='Fields[Code]']")!.TextContent);
    }

    [Fact]
    public async Task An_editor_without_the_publish_permission_cannot_publish_and_visitors_never_see_drafts()
    {
        using var writer = site.Browser();
        await writer.LoginAsync(Prefix, "writer", "Writer2026pw");
        var editor = await writer.GetDocumentAsync(Prefix + "/admin/contents/edit?type=Page");
        Assert.Null(editor.QuerySelector("button[formaction*='handler=Publish']"));
        var id = await NewItemIdAsync(await writer.SubmitAsync(Prefix + "/admin/contents/edit?type=Page", new Dictionary<string, string>
        {
            ["Title"] = "撰稿人的草稿", ["Path"] = "writer-draft",
        }, "main form[method=post]"));

        var form = (await writer.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var forced = await writer.Client.PostAsync($"{Prefix}/admin/contents/edit/{id}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Title"] = "撰稿人的草稿", ["Path"] = "writer-draft", ["__RequestVerificationToken"] = token,
            ["VersionId"] = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=VersionId]")!.Value,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);

        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(Prefix + "/writer-draft")).StatusCode);
        var preview = await visitor.GetAsync($"{Prefix}/admin/contents/preview/{id}");
        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
    }

    [Fact]
    public async Task A_handler_failing_mid_save_leaves_nothing_half_written()
    {
        using var admin = await AdminAsync();
        var id = await NewItemIdAsync(await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Page", new Dictionary<string, string>
        {
            ["Title"] = "正常标题", ["Path"] = "handler-demo",
        }, "main form[method=post]"));
        var failed = await admin.SubmitAsync($"{Prefix}/admin/contents/edit/{id}", new Dictionary<string, string> { ["Title"] = FailingHandler.Marker }, "main form[method=post]");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);

        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            var db = s.GetRequiredService<Metrology.Core.Data.TenantDbContext>();
            var rows = await db.Set<ContentItem>().Where(i => i.ContentItemId == id).ToListAsync();
            Assert.Single(rows);
            Assert.Equal("正常标题", rows[0].DisplayText);
            Assert.False(await db.Set<ContentAuditEntry>().AnyAsync(a => a.ContentItemId == id && a.Action != "保存草稿"));
        });
    }

    [Fact]
    public async Task Unpublishing_and_deleting_from_the_editor_take_the_page_off_the_portal()
    {
        using var admin = await AdminAsync();
        var id = await NewItemIdAsync(await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Page", new Dictionary<string, string>
        {
            ["Title"] = "临时通知", ["Path"] = "temporary",
        }, "main form[method=post]"));
        await PublishAsync(admin, id);
        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(Prefix + "/temporary")).StatusCode);

        await PostHandlerAsync(admin, id, "Unpublish");
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(Prefix + "/temporary")).StatusCode);

        await PostHandlerAsync(admin, id, "Delete");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Prefix}/admin/contents/edit/{id}")).StatusCode);
        var list = await admin.GetDocumentAsync(Prefix + "/admin/contents?q=临时通知");
        Assert.Contains("没有内容", list.QuerySelector("#contents")!.TextContent);
    }

    private async Task PostHandlerAsync(TestBrowser admin, string id, string handler)
    {
        var form = (await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await admin.Client.PostAsync($"{Prefix}/admin/contents/edit/{id}?handler={handler}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_securable_type_is_edited_and_seen_only_by_roles_granted_its_own_permissions()
    {
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            Assert.Empty(await s.GetRequiredService<ContentDefinitionStore>().SaveAsync(new ContentTypeDefinition
            {
                Name = "Internal", DisplayName = "内部通知", Securable = true, Parts = [ContentParts.Title, ContentParts.Autoroute, ContentParts.MarkdownBody],
            }));
            var roles = s.GetRequiredService<RoleManager<Role>>();
            var granted = new Role("内部撰稿");
            Assert.True((await roles.CreateAsync(granted)).Succeeded);
            foreach (var p in new[] { "AccessAdminPanel", "EditContent", "EditContent_Internal", "ViewContent_Internal" })
                await roles.AddClaimAsync(granted, new System.Security.Claims.Claim(Permission.ClaimType, p));
            var users = s.GetRequiredService<UserManager<User>>();
            var insider = new User { UserName = "insider", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(insider, "Insider2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(insider, "内部撰稿")).Succeeded);
        });
        using var admin = await AdminAsync();
        var id = await NewItemIdAsync(await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Internal", new Dictionary<string, string>
        {
            ["Title"] = "内部培训安排", ["Path"] = "internal/training", ["Markdown"] = "只给员工看",
        }, "main form[method=post]"));
        await PublishAsync(admin, id);

        using var writer = site.Browser();
        await writer.LoginAsync(Prefix, "writer", "Writer2026pw");
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"{Prefix}/admin/contents/edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"{Prefix}/internal/training")).StatusCode);

        using var insider = site.Browser();
        await insider.LoginAsync(Prefix, "insider", "Insider2026pw");
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"{Prefix}/admin/contents/edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"{Prefix}/internal/training")).StatusCode);

        using var visitor = site.Browser();
        var anonymous = await visitor.GetAsync($"{Prefix}/internal/training");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith(Prefix + "/login", TestBrowser.Location(anonymous));
        var search = await visitor.GetDocumentAsync($"{Prefix}/search?q={Uri.EscapeDataString("内部培训")}");
        Assert.Contains("没有找到", search.QuerySelector("#search-results")!.TextContent);

        var rolePage = await admin.GetDocumentAsync(Prefix + "/admin/roles/edit/内部撰稿");
        Assert.Contains("编辑「内部通知」", rolePage.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_changed_url_redirects_from_the_old_one()
    {
        using var admin = await AdminAsync();
        var id = await NewItemIdAsync(await admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Page", new Dictionary<string, string>
        {
            ["Title"] = "搬家页面", ["Path"] = "old-place",
        }, "main form[method=post]"));
        await PublishAsync(admin, id);
        await admin.SubmitAsync($"{Prefix}/admin/contents/edit/{id}", new Dictionary<string, string> { ["Path"] = "new-place" }, "main form[method=post]");
        await PublishAsync(admin, id);
        using var visitor = site.Browser();
        var old = await visitor.GetAsync(Prefix + "/old-place");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(Prefix + "/new-place", TestBrowser.Location(old));
    }

    [Theory]
    [InlineData("zhaoqing", "/guide", "提交约检")]
    [InlineData("zhaoqing", "/faq", "连续登录失败 10 次")]
    [InlineData("zhaoqing", "/contact", "0758-6622933")]
    [InlineData("chongqing", "/guide", "自助送检编号")]
    [InlineData("chongqing", "/faq", "出厂编号一定写全")]
    public async Task The_demo_tenants_show_their_own_guides_faqs_and_contacts(string recipe, string path, string text)
    {
        var tenant = recipe == "zhaoqing" ? _tenant : await site.CreateTenantAsync("Cq", "chongqing");
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync("/" + tenant.RequestUrlPrefix + path);
        Assert.Contains(text, page.QuerySelector("article")!.TextContent);
        Assert.Contains("办事指南", page.QuerySelector("nav")!.TextContent);
    }

    private async Task PublishAsync(TestBrowser admin, string id)
    {
        var form = (await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        var response = await admin.Client.PostAsync($"{Prefix}/admin/contents/edit/{id}?handler=Publish", new FormUrlEncodedContent(
            form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(e => !string.IsNullOrEmpty(e.Name) && e.Type != "checkbox").Select(e => new KeyValuePair<string, string>(e.Name!, e.Value))
                .Concat(form.Elements.OfType<AngleSharp.Html.Dom.IHtmlTextAreaElement>().Select(e => new KeyValuePair<string, string>(e.Name!, e.Value)))));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"publish answered {(int)response.StatusCode}: {await TestBrowser.ErrorsOfAsync(response)}");
    }
}
