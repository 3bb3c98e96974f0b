using Metrology.Core.Content;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Contents;

/// <summary>The admin list and the pickers show only what the item pages would let the user open.</summary>
public sealed class ContentListAccessTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync()
    {
        // Chongqing's demo enterprises have instruments: a securable type that is not listable.
        _tenant = await site.CreateTenantAsync("Leak", "chongqing");
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            var store = s.GetRequiredService<ContentDefinitionStore>();
            Assert.Empty(await store.SaveAsync(new ContentTypeDefinition
            {
                Name = "Internal", DisplayName = "内部通知", Securable = true, Parts = [ContentParts.Title],
            }));
            Assert.Empty(await store.SaveAsync(new ContentTypeDefinition
            {
                Name = "Bulletin", DisplayName = "公告", Parts = [ContentParts.Title],
                Fields = [new ContentFieldDefinition { Name = "Related", DisplayName = "相关通知", Type = FieldTypes.ContentPicker, AllowedTypes = ["Internal"] }],
            }));
            var roles = s.GetRequiredService<RoleManager<Role>>();
            var own = new Role("内部撰稿（本人）");
            Assert.True((await roles.CreateAsync(own)).Succeeded);
            foreach (var p in new[] { "AccessAdminPanel", "EditContent", "EditOwnContent_Internal" })
                await roles.AddClaimAsync(own, new System.Security.Claims.Claim(Permission.ClaimType, p));
            var users = s.GetRequiredService<UserManager<User>>();
            foreach (var (name, role) in new[] { ("editor", "内容编辑"), ("ownwriter", "内部撰稿（本人）") })
            {
                var user = new User { UserName = name, CreatedUtc = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, "Editor2026pw")).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
            var contents = s.GetRequiredService<ContentManager>();
            foreach (var (title, owner) in new[] { ("机密的内部通知", "admin"), ("我自己的内部通知", "ownwriter") })
            {
                var item = await contents.NewAsync("Internal", owner);
                item.SetText(ContentParts.Title, "Title", title);
                Assert.True((await contents.SaveAsync(item, publish: true, owner)).Succeeded);
            }
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> SignInAsync(string user)
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, user, user == "admin" ? SiteFactory.AdminPassword : "Editor2026pw");
        return browser;
    }

    [Fact]
    public async Task A_content_editor_does_not_see_the_enterprises_instruments_in_the_content_list()
    {
        using var editor = await SignInAsync("editor");
        foreach (var url in new[] { "/admin/contents", "/admin/contents?type=Instrument", "/admin/contents?q=燃气表" })
        {
            var page = await editor.GetDocumentAsync(Prefix + url);
            var text = page.QuerySelector("main")!.TextContent;
            Assert.DoesNotContain("膜式燃气表", text);
            Assert.DoesNotContain("燃油加油机", text);
            Assert.DoesNotContain("13900000001", text);
            Assert.DoesNotContain("机密的内部通知", text);
            Assert.Null(page.QuerySelector("#type option[value=Instrument]"));
            Assert.Null(page.QuerySelector("#type option[value=Internal]"));
        }
    }

    [Fact]
    public async Task Types_that_are_not_listable_stay_out_of_the_list_even_for_the_administrator()
    {
        using var admin = await SignInAsync("admin");
        var page = await admin.GetDocumentAsync(Prefix + "/admin/contents?type=Instrument");
        Assert.DoesNotContain("膜式燃气表", page.QuerySelector("#contents")!.TextContent);
        Assert.Null(page.QuerySelector("#type option[value=Instrument]"));
        var internals = await admin.GetDocumentAsync(Prefix + "/admin/contents?type=Internal");
        Assert.Contains("机密的内部通知", internals.QuerySelector("#contents")!.TextContent);
    }

    [Fact]
    public async Task A_user_who_may_edit_only_their_own_items_of_a_securable_type_lists_only_those()
    {
        using var writer = await SignInAsync("ownwriter");
        var list = (await writer.GetDocumentAsync(Prefix + "/admin/contents?type=Internal")).QuerySelector("#contents")!.TextContent;
        Assert.Contains("我自己的内部通知", list);
        Assert.DoesNotContain("机密的内部通知", list);
    }

    [Fact]
    public async Task A_picker_offers_only_the_items_the_user_may_open()
    {
        using var editor = await SignInAsync("editor");
        var form = (await editor.GetDocumentAsync(Prefix + "/admin/contents/edit?type=Bulletin")).QuerySelector("main form")!.TextContent;
        Assert.DoesNotContain("内部通知", form);

        using var writer = await SignInAsync("ownwriter");
        var own = (await writer.GetDocumentAsync(Prefix + "/admin/contents/edit?type=Bulletin")).QuerySelector("main form")!.TextContent;
        Assert.Contains("我自己的内部通知", own);
        Assert.DoesNotContain("机密的内部通知", own);
    }
}
