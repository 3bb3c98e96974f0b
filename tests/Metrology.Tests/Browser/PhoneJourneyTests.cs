using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>What a person does on a phone: open an institute's portal, sign in, reach the back office menu.</summary>
public sealed class PhoneJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task An_administrator_signs_in_on_a_phone_and_opens_the_back_office_menu()
    {
        var page = await site.PhonePageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/");
        Assert.Contains("肇庆", await page.TitleAsync());
        Assert.Contains("0758-6622655", await page.InnerTextAsync("footer"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSiteFactory.ScreenshotFolder, "portal-phone.png"), FullPage = true });

        await page.ClickAsync(".navbar-toggler");
        await page.WaitForSelectorAsync("#portal-nav.show"); // clicked only once the menu has finished opening
        await page.ClickAsync("#portal-nav a:text-is('登录')");
        await page.FillAsync("#Input_UserName", "admin");
        await page.FillAsync("#Input_Password", "wrong-password-1");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("用户名或密码不正确", await page.InnerTextAsync(".alert-danger"));

        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(site.BaseUrl + "/zhaoqing/admin"); // staff land on their workspace
        Assert.Equal("工作台", await page.InnerTextAsync("main h1"));
        Assert.False(await page.IsVisibleAsync("#admin-menu .nav-link"), "on a phone the menu starts closed");
        await page.ClickAsync("button[aria-controls=admin-menu]");
        await page.WaitForSelectorAsync("#admin-menu.show");
        Assert.True(await page.IsVisibleAsync("#admin-menu >> text=角色与权限"));
        await AssetsAnswerAsync(page, "/zhaoqing/_content/Metrology.Themes.Admin/css/admin.css?v=", "/zhaoqing/_content/Metrology.Themes.Admin/js/admin.js?v=");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSiteFactory.ScreenshotFolder, "admin-menu-phone.png") });

        await page.ClickAsync("#admin-menu >> text=角色与权限");
        await page.WaitForURLAsync(site.BaseUrl + "/zhaoqing/admin/roles");
        Assert.Contains("业务室", await page.InnerTextAsync("table"));
    }

    [Fact]
    public async Task The_admin_pages_are_styled_by_the_theme()
    {
        var page = await site.PhonePageAsync();
        var css = await page.GotoAsync(site.BaseUrl + "/chongqing/_content/Metrology.Themes.Admin/lib/bootstrap/css/bootstrap.min.css");
        Assert.Equal(200, css!.Status);
        var portal = await page.GotoAsync(site.BaseUrl + "/chongqing/_content/Metrology.Themes.Portal/css/portal.css");
        Assert.Equal(200, portal!.Status);
        await page.GotoAsync(site.BaseUrl + "/chongqing/");
        await AssetsAnswerAsync(page, "/chongqing/_content/Metrology.Themes.Portal/css/portal.css?v=", "/chongqing/_content/Metrology.Themes.Portal/js/portal.js?v=");
    }

    /// <summary>
    /// The page's stylesheets and scripts are under the tenant's prefix and answer; the theme's own carry the file's version
    /// (the layouts write it without the tag helper).
    /// </summary>
    private async Task AssetsAnswerAsync(IPage page, params string[] versioned)
    {
        var urls = await page.EvalOnSelectorAllAsync<string[]>("link[rel=stylesheet], script[src]", "els => els.map(e => e.getAttribute('href') ?? e.getAttribute('src'))");
        foreach (var start in versioned) Assert.Contains(urls, u => u.StartsWith(start, StringComparison.Ordinal) && u.Length > start.Length);
        using var http = new HttpClient();
        foreach (var url in urls) Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(site.BaseUrl + url)).StatusCode);
    }
}
