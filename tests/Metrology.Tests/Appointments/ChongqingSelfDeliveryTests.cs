using System.Net;
using Metrology.Appointments;
using Metrology.Appointments.Models;
using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Appointments;

/// <summary>Chongqing's way (seed 000 §四 4.1): 自助送检 gives a 5-digit number at once; instruments only with the institution they are filed with.</summary>
public sealed class ChongqingSelfDeliveryTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private const string Gas = "13900000001", Station = "13900000002", Branch = "第四分院", Main = "重庆市计量质量检测研究院";

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "CqDelivery", "chongqing");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_demo_self_delivery_shows_its_number_large_and_its_slip_carries_the_number_and_the_instruments()
    {
        // The gas company's self-delivery waits for the counter (the instrument maker's one is already received: Verification's demo).
        var demo = Assert.Single(await _site.AppointmentsAsync(), a => a.State == AppointmentState.Confirmed);
        Assert.Equal((AppointmentKind.SelfDelivery, AppointmentState.Confirmed, 2), (demo.Kind, demo.State, demo.LineCount));
        Assert.Matches("^[1-9][0-9]{4}$", demo.DeliveryNumber);

        using var gas = await _site.SignInAsync(Gas);
        var page = await gas.GetDocumentAsync($"{_site.Prefix}/my/appointments/{demo.ContentItemId}");
        Assert.Equal(demo.DeliveryNumber, page.QuerySelector("#delivery-number")!.TextContent.Trim());
        var slip = await gas.GetAsync($"{_site.Prefix}/my/appointments/{demo.ContentItemId}?handler=Slip");
        var text = await AppointmentTestSupport.PdfTextAsync(await slip.Content.ReadAsByteArrayAsync());
        Assert.Contains(demo.DeliveryNumber!, text);
        Assert.Contains("CQG2024-1001", text);
        Assert.Contains("CQG2024-1002", text);
        Assert.Contains("自助送检编号", text);

        // The counter finds it by the number.
        using var counter = await _site.StaffAsync("counter", "业务大厅", Branch, "业务大厅");
        var found = (await counter.GetDocumentAsync($"{_site.Prefix}/admin/appointments?number={demo.DeliveryNumber}")).QuerySelector("table")!.TextContent;
        Assert.Contains(demo.Number, found);
    }

    [Fact]
    public async Task An_instrument_filed_with_another_institution_is_refused_and_a_self_delivery_is_edited_until_it_is_cancelled()
    {
        var main = await InstitutionAsync(Main);
        using var station = await _site.SignInAsync(Station);
        var created = await _site.PostAsync(station, "/my/appointments", "Create", ("Kind", "SelfDelivery"), ("InstitutionId", main.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = TestBrowser.Location(created).Split('/').Last().Split('?')[0];
        var pump = await _site.InstrumentIdAsync("CQJ2023-0501");
        var refused = await _site.PostAsync(station, $"/my/appointments/{id}", "Add", ("Selected", pump));
        Assert.Contains($"不是向「{Main}」备案的", await TestBrowser.ErrorsOfAsync(refused));
        // The picker lists only what is filed with the appointment's institution.
        Assert.DoesNotContain("CQJ2023-0501", (await station.GetDocumentAsync($"{_site.Prefix}/my/appointments/{id}")).QuerySelector("#pickable")!.TextContent);

        var branch = await _site.PostAsync(station, "/my/appointments", "Create", ("Kind", "SelfDelivery"), ("InstitutionId", (await InstitutionAsync(Branch)).ToString()));
        var ok = TestBrowser.Location(branch).Split('/').Last().Split('?')[0];
        Assert.Contains("CQJ2023-0501", (await station.GetDocumentAsync($"{_site.Prefix}/my/appointments/{ok}?serial=0501")).QuerySelector("#pickable")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(station, $"/my/appointments/{ok}", "Add", ("Selected", pump))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(station, $"/my/appointments/{ok}", "Cancel")).StatusCode);
        var afterCancel = await _site.PostAsync(station, $"/my/appointments/{ok}", "Remove", ("instrument", pump));
        Assert.Contains("约检单已取消，不能再修改", await TestBrowser.ErrorsOfAsync(afterCancel));
        // Cancelled: the instrument and the number are free again.
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(station, $"/my/appointments/{id}", "Cancel")).StatusCode);
        var row = (await _site.AppointmentsAsync()).Single(a => a.ContentItemId == ok);
        Assert.Null(row.OpenDeliveryNumber);
        Assert.False(await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<AppointmentLineIndex>().AnyAsync(l => l.InstrumentId == pump && l.Open)));
    }

    [Fact]
    public async Task Staff_of_another_institution_neither_see_nor_confirm_a_booking()
    {
        var branch = await InstitutionAsync(Branch);
        var pump = await _site.InstrumentIdAsync("CQJ2023-0501");
        var id = await _site.AsEnterpriseAsync(Station, async (s, e) =>
        {
            var (id, _) = await s.CreateAsync(e, AppointmentKind.OnSite, branch, new OnSiteDetails("加油站", "张站长", "13900000002", "周五"), "t");
            Assert.True((await s.AddAsync(e, id!, [pump], "t")).Succeeded);
            Assert.True((await s.SubmitAsync(e, id!, "t")).Succeeded);
            return id!;
        });
        using var other = await _site.StaffAsync("main-hall", "业务大厅", Main, "业务大厅");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{_site.Prefix}/admin/appointments/{id}")).StatusCode);
        var token = (await other.GetDocumentAsync($"{_site.Prefix}/admin/appointments")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var forged = await other.Client.PostAsync($"{_site.Prefix}/admin/appointments/{id}?handler=Decline",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Reason", "x")]));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(AppointmentState.Submitted, (await _site.AppointmentAsync(id)).State);

        // 第四分院 has no lab of the pump's discipline: its hall (booking confirmation) answers.
        using var hall = await _site.StaffAsync("branch-hall", "业务大厅", Branch, "业务大厅");
        var declined = await _site.PostAsync(hall, $"/admin/appointments/{id}", "Decline", ("Reason", "该日检定员已满，请改约下周"));
        Assert.True(declined.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(declined));
        Assert.Equal(AppointmentState.Declined, (await _site.AppointmentAsync(id)).State);
    }

    private Task<int> InstitutionAsync(string name) => _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>()
        .Where(i => i.Name == name).Select(i => i.Id).FirstAsync());
}
