using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>Reference data in the browser: the public catalog on a phone, and a type-ahead picker in an admin form.</summary>
public sealed class ReferenceDataJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task An_enterprise_checks_on_a_phone_whether_its_instrument_is_under_mandatory_verification()
    {
        var page = await site.PhonePageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/catalog");
        await page.FillAsync("input[name=q]", "血压");
        await page.ClickAsync("button:has-text('查询')");
        await page.WaitForURLAsync("**/catalog?q=*");
        var results = await page.InnerTextAsync("#catalog-results");
        Assert.Contains("无创自动测量血压计", results);
        Assert.Contains("须强制检定", results);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("catalog-phone"), FullPage = true });
    }

    [Fact]
    public async Task The_region_picker_offers_matching_regions_as_the_user_types()
    {
        var page = await site.DesktopPageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/login");
        await page.FillAsync("#Input_UserName", "admin");
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await BrowserSiteFactory.SubmitSignInAsync(page, site.BaseUrl + "/zhaoqing/admin");

        await page.GotoAsync(site.BaseUrl + "/zhaoqing/admin/regions/edit");
        await page.FillAsync("#ParentCode", "肇庆");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#picker-list-0 option').length > 0");
        var options = await page.EvalOnSelectorAllAsync<string[]>("#picker-list-0 option", "els => els.map(e => e.value + ' ' + e.label)");
        Assert.Contains(options, o => o.StartsWith("441200", StringComparison.Ordinal) && o.Contains("肇庆市"));

        await page.FillAsync("#NewCode", "441299");
        await page.FillAsync("#Name", "测试新区");
        await page.FillAsync("#ParentCode", "441200");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(site.BaseUrl + "/zhaoqing/admin/regions");
        Assert.Contains("区域 441299 测试新区 已保存", await page.InnerTextAsync(".alert-success"));

        await page.GotoAsync(site.BaseUrl + "/zhaoqing/admin/catalog");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("admin-catalog") });
    }
}
