using System.Net;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Site;

/// <summary>Small things people met: the favicon, a 404 inside the back office, the login markup, Chongqing's registration forms.</summary>
public sealed class SitePolishTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Polish", "chongqing");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_favicon_answers_in_every_site()
    {
        using var visitor = site.Browser();
        foreach (var url in new[] { "/favicon.ico", Prefix + "/favicon.ico" })
        {
            var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task A_missing_back_office_page_keeps_the_back_office_around_it()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var response = await admin.GetAsync(Prefix + "/admin/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#admin-menu"));
        Assert.Contains("页面不存在", page.Title);

        using var visitor = site.Browser();
        var portal = await TestBrowser.ParseAsync(await visitor.GetAsync(Prefix + "/no-such-page"));
        Assert.Null(portal.QuerySelector("#admin-menu"));
    }

    [Fact]
    public async Task The_login_page_has_no_english_validation_message_in_its_markup()
    {
        using var visitor = site.Browser();
        var html = await (await visitor.GetAsync(Prefix + "/login")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("field is required", html);
        Assert.Contains("请填写记住我", html);
    }

    [Fact]
    public async Task Chongqing_offers_exactly_the_forms_its_registration_asks_for_with_a_chongqing_example()
    {
        using var visitor = site.Browser();
        var register = await visitor.GetDocumentAsync(Prefix + "/register");
        Assert.Contains("账号申请表", register.Body!.TextContent);
        Assert.Equal("如 500103 渝中区", register.QuerySelector("#Input_RegionCode")!.GetAttribute("placeholder"));
        var downloads = await visitor.GetDocumentAsync(Prefix + "/downloads");
        foreach (var (path, title) in new[] { ("application", "账号申请表"), ("authorisation", "授权委托书"), ("commitment", "诚信计量自我承诺书") })
        {
            Assert.Contains(title, downloads.QuerySelector($"a[href='{Prefix}/downloads/{path}']")?.TextContent ?? "");
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{Prefix}/downloads/{path}")).StatusCode);
        }
    }
}
