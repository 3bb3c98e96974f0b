using Metrology.Core.Tenants;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Metrology.Tests.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>收件 in a real browser (Chongqing): the delivery number finds the appointment, two of its three lines are received, the receipt prints; an unbooked instrument is refused.</summary>
public sealed class CounterJourneyTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task The_counter_receives_two_of_three_lines_by_delivery_number_prints_the_receipt_and_refuses_an_unbooked_instrument()
    {
        var tenant = site.Services.GetRequiredService<TenantRegistry>().All.Single(t => t.RequestUrlPrefix == "chongqing");
        var data = new FilingSite(site, tenant);
        var ids = await data.FiledInstrumentsAsync("13900000002", "第四分院", "CQW-0001", "CQW-0002", "CQW-0003");
        await data.FiledInstrumentsAsync("13900000002", "第四分院", "CQW-0009");
        var id = await data.SelfDeliveryAsync("13900000002", "第四分院", ids);
        var number = (await data.AppointmentInfoAsync(id)).DeliveryNumber!;

        var desk = await site.DesktopPageAsync();
        await desk.GotoAsync(site.BaseUrl + "/chongqing/login");
        await desk.FillAsync("#Input_UserName", "admin");
        await desk.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await BrowserSiteFactory.SubmitSignInAsync(desk, site.BaseUrl + "/chongqing/admin");

        await desk.GotoAsync(site.BaseUrl + "/chongqing/admin/reception");
        await desk.FillAsync("#q", number);
        await desk.PressAsync("#q", "Enter");
        await desk.WaitForURLAsync(site.BaseUrl + $"/chongqing/admin/reception/{id}");
        Assert.Equal(number, (await desk.InnerTextAsync("#delivery-number")).Trim());
        await desk.CheckAsync($"#sel-{ids[0]}");
        await desk.CheckAsync($"#sel-{ids[1]}");
        await desk.SelectOptionAsync("#Point", new SelectOptionValue { Label = "业务大厅" });
        await desk.ClickAsync("#receive");
        await desk.WaitForSelectorAsync(".alert-success");
        var lines = await desk.InnerTextAsync("#lines");
        Assert.Equal(2, CountOf(lines, "业务大厅"));
        Assert.Equal(1, CountOf(lines, "未接收"));
        Assert.Equal(1, await desk.Locator("#lines input[type=checkbox]").CountAsync());
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("counter-received-desktop"), FullPage = true });

        var download = await desk.RunAndWaitForDownloadAsync(() => desk.ClickAsync("#receipt"));
        var text = await AppointmentTestSupport.PdfTextAsync(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains("取件凭证", text);
        Assert.Contains("CQW-0001", text);
        Assert.Contains("CQW-0002", text);
        Assert.DoesNotContain("CQW-0003", text);

        await desk.GotoAsync(site.BaseUrl + "/chongqing/admin/reception");
        await desk.FillAsync("#q", "CQW-0009");
        await desk.PressAsync("#q", "Enter");
        await desk.WaitForSelectorAsync("#refusal");
        Assert.Contains("先备案，再约检；先受理，再检定。", await desk.InnerTextAsync("#refusal"));
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("counter-refused-desktop"), FullPage = true });
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;
}
