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
        await BrowserSiteFactory.SubmitSignInAsync(page, site.BaseUrl + "/zhaoqing/my");

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

    [Fact]
    public async Task On_a_phone_the_library_shows_name_status_and_due_date_without_scrolling_sideways()
    {
        var page = await site.PhonePageAsync();
        await page.GotoAsync(site.BaseUrl + "/chongqing/login");
        await page.FillAsync("#Input_UserName", "13900000001");
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await BrowserSiteFactory.SubmitSignInAsync(page, site.BaseUrl + "/chongqing/my");

        await page.GotoAsync(site.BaseUrl + "/chongqing/my/instruments");
        var rows = page.Locator("#instruments tbody tr");
        Assert.Equal(5, await rows.CountAsync()); // the gas company's demo instruments (some filed through the demo filings)
        for (var i = 0; i < 2; i++)
            foreach (var cell in new[] { ".instrument-name", ".instrument-status", ".instrument-due" })
            {
                var box = await rows.Nth(i).Locator(cell).BoundingBoxAsync();
                Assert.True(box is not null && box.Width > 0, $"{cell} of row {i + 1} is hidden");
                Assert.True(box!.X >= 0 && box.X + box.Width <= 390, $"{cell} of row {i + 1} ends at {box.X + box.Width} px, past the 390 px screen");
            }
        Assert.Contains("膜式燃气表", await rows.Nth(0).Locator(".instrument-name").InnerTextAsync());
        var table = await page.InnerTextAsync("#instruments");
        Assert.Contains("已备案", table);
        Assert.Contains("未备案", table);
        // Nothing is wider than the screen: neither the page nor the table's own scroll area.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways");
        Assert.True(await page.EvaluateAsync<bool>("() => { const t = document.querySelector('#instruments').parentElement; return t.scrollWidth <= t.clientWidth; }"), "the table scrolls sideways");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("instrument-list-phone"), FullPage = true });
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
