using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>An enterprise's contact keeps the instrument library on a phone.</summary>
public sealed class InstrumentJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task An_enterprise_adds_an_instrument_on_a_phone_and_finds_it_in_the_library()
    {
        var page = await site.PhonePageAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/login");
        await page.FillAsync("#Input_UserName", "13800000001");
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(site.BaseUrl + "/zhaoqing/my");

        await page.ClickAsync(".navbar-toggler");
        await page.WaitForSelectorAsync("#portal-nav.show"); // clicked only once the menu has finished opening
        await page.ClickAsync("#portal-nav >> text=我的器具");
        await page.ClickAsync("text=新增器具");
        await FillAsync(page);
        await page.SelectOptionAsync("#Input_Department", "计量室");
        await page.ClickAsync("button:has-text('保存')");
        await page.WaitForSelectorAsync(".alert-success");
        Assert.Contains("ZQ2026-0001", await page.InnerTextAsync("#instruments"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("instruments-phone"), FullPage = true });

        // The same again is refused at the serial number, with the form kept.
        await page.ClickAsync("text=新增器具");
        await FillAsync(page);
        await page.ClickAsync("button:has-text('保存')");
        Assert.Contains("不能重复保存", await page.InnerTextAsync("[data-valmsg-for='Input.SerialNumber']"));
        Assert.Equal("ACS-15", await page.InputValueAsync("#Input_ModelSpec"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("instrument-duplicate-phone"), FullPage = true });
    }

    private static async Task FillAsync(IPage page)
    {
        await page.FillAsync("#Input_Name", "电子计价秤");
        await page.FillAsync("#Input_ModelSpec", "ACS-15");
        await page.FillAsync("#Input_SerialNumber", "ZQ2026-0001");
        foreach (var (field, code) in new[] { ("Origin", "1"), ("State", "2"), ("Usage", "4"), ("Kind", "3"), ("Method", "1") })
            await page.SelectOptionAsync($"#Input_{field}", code);
        await page.FillAsync("#Input_CatalogCode", "S0301");
    }
}
