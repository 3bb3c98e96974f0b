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
    }
}
