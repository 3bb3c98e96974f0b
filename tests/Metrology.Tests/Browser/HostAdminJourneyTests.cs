using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>The host administrator creates a regional institute's site in the browser and watches it being set up.</summary>
public sealed class HostAdminJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task The_host_administrator_creates_a_tenant_and_sees_it_on_the_dashboard()
    {
        var page = await site.DesktopPageAsync();
        await page.GotoAsync(site.BaseUrl + "/login");
        await page.FillAsync("#Input_UserName", "admin");
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await BrowserSiteFactory.SubmitSignInAsync(page, site.BaseUrl + "/admin");

        await page.GotoAsync(site.BaseUrl + "/admin/tenants");
        Assert.Contains("zhaoqing", await page.InnerTextAsync("table"));
        Assert.Contains("chongqing", await page.InnerTextAsync("table"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("tenants-list") });

        await page.ClickAsync("text=新建租户");
        await page.FillAsync("#Input_Name", "foshan");
        await page.FillAsync("#Input_Description", "佛山市计量院（测试）");
        await page.FillAsync("#Input_RequestUrlPrefix", "admin");
        await page.SelectOptionAsync("#Setup_Recipe", "zhaoqing");
        await page.FillAsync("#Setup_SiteName", "佛山市计量强检服务平台");
        await page.FillAsync("#Setup_AdminEmail", "admin@foshan.example.com");
        await page.FillAsync("#Setup_AdminPassword", "Foshan2026pass");
        await page.ClickAsync("text=创建并初始化");
        Assert.Contains("系统保留", await page.InnerTextAsync("[data-valmsg-for='Input.RequestUrlPrefix']"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("tenant-create-refused"), FullPage = true });

        await page.FillAsync("#Input_RequestUrlPrefix", "foshan");
        await page.FillAsync("#Setup_AdminPassword", "Foshan2026pass");
        await page.ClickAsync("text=创建并初始化");
        // Setting a tenant up runs the whole Zhaoqing recipe (25 steps, certificates' PDFs included): seconds alone, but it
        // took more than 30 s with other browser journeys running beside it.
        await page.WaitForSelectorAsync("#setup-outcome", new PageWaitForSelectorOptions { Timeout = 120_000 });
        Assert.Contains("初始化完成", await page.InnerTextAsync("#setup-outcome"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("tenant-setup-done") });

        await page.GotoAsync(site.BaseUrl + "/admin/tenants/dashboard");
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart('tenant-chart') !== undefined");
        Assert.Contains("foshan", await page.InnerTextAsync("table"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("tenants-dashboard") });

        await page.GotoAsync(site.BaseUrl + "/foshan/");
        Assert.Contains("佛山市计量强检服务平台", await page.TitleAsync());
    }
}
