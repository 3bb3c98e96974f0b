using Metrology.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>
/// 约检 in a real browser (Zhaoqing's way, seed 004 §一 3 (5)–(7)): the enterprise frees an instrument from its waiting
/// booking, books it on a phone from the library with the filters (从设备库导入), the institute confirms at a desk, and
/// the enterprise downloads the slip whose PDF carries the number and the instrument twice (一式两份).
/// </summary>
public sealed class AppointmentJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    private const string Gas = "13800000003", Meter = "ZQG2023-2201";

    private async Task<IPage> SignInAsync(IPage page, string user)
    {
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForLoadStateAsync();
        return page;
    }

    [Fact]
    public async Task An_enterprise_books_a_filed_instrument_from_its_library_the_institute_confirms_and_the_slip_downloads()
    {
        var phone = await SignInAsync(await site.PhonePageAsync(), Gas);
        // The demo's waiting booking holds the gas meter: cancelled before reception, the meter is free again.
        await phone.GotoAsync(site.BaseUrl + "/zhaoqing/my/appointments?state=Submitted");
        await phone.ClickAsync("main .list-group a.list-group-item >> nth=0");
        await phone.ClickAsync("button:has-text('取消约检')");
        await phone.WaitForSelectorAsync(".alert-success");
        Assert.Contains("已取消", await phone.InnerTextAsync("main h1"));

        await phone.GotoAsync(site.BaseUrl + "/zhaoqing/my/appointments");
        await phone.ClickAsync("summary:has-text('增加')");
        await phone.SelectOptionAsync("#Kind", "BookedDelivery");
        await phone.SelectOptionAsync("#InstitutionId", new SelectOptionValue { Label = "肇庆市质量计量监督检测所" });
        await phone.ClickAsync("button:has-text('保存委托单')");
        await phone.WaitForSelectorAsync("text=约检器具（0 台）");
        var number = (await phone.InnerTextAsync("main h1 .font-monospace")).Trim();

        // 从设备库导入 with the library's filters: serial number contains, and a range for valid-until.
        var today = DateTime.Now;
        await phone.FillAsync("#serial", "2201");
        await phone.FillAsync("#validFrom", today.ToString("yyyy-MM-dd"));
        await phone.FillAsync("#validTo", today.AddDays(60).ToString("yyyy-MM-dd"));
        await phone.ClickAsync("button:has-text('筛选')");
        await phone.WaitForSelectorAsync("text=共 1 台");
        Assert.Contains(Meter, await phone.InnerTextAsync("#pickable"));
        await phone.CheckAsync("#pickable input[type=checkbox] >> nth=0");
        await phone.ClickAsync("button:has-text('导入')");
        await phone.WaitForSelectorAsync("text=约检器具（1 台）");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("appointment-draft-phone"), FullPage = true });
        await phone.ClickAsync("button:has-text('提交委托单')");
        await phone.WaitForSelectorAsync(".alert-success");
        Assert.Contains("待确认", await phone.InnerTextAsync("main h1"));

        var desk = await SignInAsync(await site.DesktopPageAsync(), "admin");
        await desk.GotoAsync(site.BaseUrl + "/zhaoqing/admin/appointments");
        await desk.ClickAsync($"a:has-text('{number}')");
        var date = today.AddDays(3).ToString("yyyy-MM-dd");
        await desk.FillAsync("#Date", date);
        await desk.ClickAsync("form[action*='handler=Confirm'] button");
        await desk.WaitForSelectorAsync(".alert-success");
        Assert.Contains("已确认", await desk.InnerTextAsync("main h1:has(.badge)"));
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("appointment-confirmed-desktop"), FullPage = true });

        await phone.ReloadAsync();
        var mine = await phone.InnerTextAsync("main");
        Assert.True(mine.Contains(date), $"{phone.Url}: {mine}");
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.ClickAsync("text=生成预约单"));
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var text = await Metrology.Tests.Documents.PdfRendererTests.PdfTextAsync(pdf);
        Assert.Equal(1, text.Count(c => c == '\f'));
        Assert.Contains(number, text);
        Assert.Contains("企业留存", text);
        Assert.Contains("检定机构留存", text);
        Assert.Equal(2, text.Split(Meter).Length - 1);
    }
}
