using System.Net;
using Metrology.Appointments;
using Metrology.Appointments.Models;
using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Notifications.Models;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Appointments;

/// <summary>Zhaoqing's way (seed 004): bookings wait for the institution; the office confirms deliveries, the lab of the discipline on-site visits; the window applies.</summary>
public sealed class ZhaoqingBookingTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private const string Institute = "肇庆市质量计量监督检测所";

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "ZqBooking");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_demo_has_a_booking_waiting_and_an_on_site_visit_confirmed_by_the_mandatory_room()
    {
        var all = await _site.AppointmentsAsync();
        var waiting = Assert.Single(all, a => a.State == AppointmentState.Submitted);
        Assert.Equal(AppointmentKind.BookedDelivery, waiting.Kind);
        var visit = Assert.Single(all, a => a.State == AppointmentState.Confirmed);
        Assert.Equal((AppointmentKind.OnSite, "MandatoryRoom"), (visit.Kind, visit.Discipline));
        Assert.NotNull(visit.ConfirmedDate);
        Assert.All(all, a => Assert.Null(a.DeliveryNumber));
    }

    [Fact]
    public async Task The_office_confirms_a_delivery_booking_a_lab_cannot_and_the_slip_has_two_copies_on_one_page()
    {
        var id = (await _site.AppointmentsAsync()).Single(a => a.State == AppointmentState.Submitted).ContentItemId;
        using var lab = await _site.StaffAsync("elec-lab", "电学室", Institute, "电学室");
        var refused = await _site.PostAsync(lab, $"/admin/appointments/{id}", "Confirm", ("Date", DateTime.Today.AddDays(2).ToString("yyyy-MM-dd")));
        Assert.Contains("预约送检由业务室确认", await TestBrowser.ErrorsOfAsync(refused));
        Assert.Equal(AppointmentState.Submitted, (await _site.AppointmentAsync(id)).State);

        using var office = await _site.StaffAsync("office", "业务室", Institute, "业务室");
        var noDate = await _site.PostAsync(office, $"/admin/appointments/{id}", "Confirm");
        Assert.Contains("请选择约定日期", await TestBrowser.ErrorsOfAsync(noDate));
        var date = DateTime.Today.AddDays(2).ToString("yyyy-MM-dd");
        var confirmed = await _site.PostAsync(office, $"/admin/appointments/{id}", "Confirm", ("Date", date));
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(confirmed));
        var part = await _site.AppointmentAsync(id);
        Assert.Equal((AppointmentState.Confirmed, date), (part.State, AppointmentLabels.Date(part.ConfirmedDate)));

        // The recipes' workflow sends the enterprise the BookingConfirmed SMS with the date.
        var sms = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking()
            .Where(m => m.Recipient == FilingSite.Gas).Select(m => m.Body).ToListAsync());
        Assert.Contains(sms, b => b.Contains(part.Number) && b.Contains(date));

        using var gas = await _site.SignInAsync(FilingSite.Gas);
        var slip = await gas.GetAsync($"{_site.Prefix}/my/appointments/{id}?handler=Slip");
        Assert.Equal("application/pdf", slip.Content.Headers.ContentType?.MediaType);
        var text = await AppointmentTestSupport.PdfTextAsync(await slip.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, text.Count(c => c == '\f'));
        Assert.Contains("企业留存", text);
        Assert.Contains("检定机构留存", text);
        Assert.Equal(2, CountOf(text, "ZQG2023-2201"));
        Assert.Equal(2, CountOf(text, "预约编号："));
        Assert.Contains(part.Number, text);
    }

    [Fact]
    public async Task Only_the_lab_of_the_discipline_confirms_an_on_site_booking_with_a_time_window_and_a_verifier()
    {
        // Free the demo's waiting booking's gas meter, then book it on site: gas meters go to 强检室.
        var waiting = (await _site.AppointmentsAsync()).Single(a => a.State == AppointmentState.Submitted).ContentItemId;
        Assert.True((await _site.AsEnterpriseAsync(FilingSite.Gas, (s, e) => s.CancelAsync(e, waiting, "t"))).Succeeded);
        var id = await _site.AsEnterpriseAsync(FilingSite.Gas, async (s, e) =>
        {
            var (id, created) = await s.CreateAsync(e, AppointmentKind.OnSite, await InstitutionAsync(), new OnSiteDetails("端州区调压站", "陈工", "13800000003", "周三上午"), "t");
            Assert.True(created.Succeeded);
            return id!;
        });
        var meter = await _site.InstrumentIdAsync("ZQG2023-2201");
        using var gas = await _site.SignInAsync(FilingSite.Gas);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(gas, $"/my/appointments/{id}", "Add", ("Selected", meter))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(gas, $"/my/appointments/{id}", "Submit")).StatusCode);
        Assert.Equal("MandatoryRoom", (await _site.AppointmentAsync(id)).Discipline);

        using var mechanics = await _site.StaffAsync("mech-lab", "力学室", Institute, "力学室");
        var refused = await _site.PostAsync(mechanics, $"/admin/appointments/{id}", "Confirm", ("Date", DateTime.Today.AddDays(1).ToString("yyyy-MM-dd")),
            ("TimeWindow", "09:00-11:00"), ("Verifier", "王"));
        Assert.Contains("由强检室确认", await TestBrowser.ErrorsOfAsync(refused));

        using var room = await _site.StaffAsync("room-lab", "强检室", Institute, "强检室");
        var missing = await _site.PostAsync(room, $"/admin/appointments/{id}", "Confirm", ("Date", DateTime.Today.AddDays(1).ToString("yyyy-MM-dd")));
        var errors = await TestBrowser.ErrorsOfAsync(missing);
        Assert.Contains("请填写到场时段", errors);
        Assert.Contains("请填写检定员", errors);
        var ok = await _site.PostAsync(room, $"/admin/appointments/{id}", "Confirm", ("Date", DateTime.Today.AddDays(1).ToString("yyyy-MM-dd")),
            ("TimeWindow", "09:00-11:00"), ("Verifier", "李检定"));
        Assert.True(ok.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(ok));
        var visits = (await room.GetDocumentAsync($"{_site.Prefix}/admin/appointments?view=visits")).Body!.TextContent;
        Assert.Contains("强检室", visits);
        Assert.Contains("示例", visits);
    }

    [Fact]
    public async Task Refusals_name_the_instrument_and_the_reason()
    {
        var institution = await InstitutionAsync();
        var draft = await _site.AsEnterpriseAsync(FilingSite.Gas, async (s, e) => (await s.CreateAsync(e, AppointmentKind.BookedDelivery, institution, null, "t")).Id!);
        using var gas = await _site.SignInAsync(FilingSite.Gas);
        var page = $"/my/appointments/{draft}";

        // Waiting for the filing review: not filed yet.
        var notFiled = await _site.PostAsync(gas, page, "Add", ("Selected", await _site.InstrumentIdAsync("ZQB2024-1120")));
        Assert.Contains("尚未备案", await TestBrowser.ErrorsOfAsync(notFiled));
        // In the demo's waiting booking already.
        var busy = await _site.PostAsync(gas, page, "Add", ("Selected", await _site.InstrumentIdAsync("ZQG2023-2201")));
        Assert.Contains("已在另一份未完成的约检单中", await TestBrowser.ErrorsOfAsync(busy));
        // An empty booking is not submitted.
        Assert.Contains("还没有器具", await TestBrowser.ErrorsOfAsync(await _site.PostAsync(gas, page, "Submit")));
        // A cancelled booking is not edited.
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(gas, page, "Cancel")).StatusCode);
        var edited = await _site.AsEnterpriseAsync(FilingSite.Gas, (s, e) => s.AddAsync(e, draft, [""], "t"));
        Assert.Contains("约检单已取消，不能再修改", edited.Errors[0].Message);
        Assert.Contains("已取消", (await _site.AsEnterpriseAsync(FilingSite.Gas, (s, e) => s.CancelAsync(e, draft, "t"))).Errors[0].Message);
    }

    [Fact]
    public async Task Outside_the_window_on_the_sites_clock_the_booking_is_refused_and_on_the_last_day_it_is_taken()
    {
        var waiting = (await _site.AppointmentsAsync()).Single(a => a.State == AppointmentState.Submitted).ContentItemId;
        Assert.True((await _site.AsEnterpriseAsync(FilingSite.Gas, (s, e) => s.CancelAsync(e, waiting, "t"))).Succeeded);
        var meter = await _site.InstrumentIdAsync("ZQG2023-2201");
        var summary = await _site.InTenantAsync(async s => (await s.GetRequiredService<IInstrumentRecords>().FindAnyAsync([meter])).Single());
        var due = summary.ValidUntil!.Value;
        var institution = await InstitutionAsync();

        async Task<AppointmentResult> BookOnAsync(DateOnly day) => await _site.AsEnterpriseAsync(FilingSite.Gas, async (s, e) =>
        {
            var (id, _) = await s.CreateAsync(e, AppointmentKind.BookedDelivery, institution, null, "t");
            var added = await s.AddAsync(e, id!, [meter], "t");
            await s.CancelAsync(e, id!, "t");
            return added;
        }, new FixedClock(day));

        var late = await BookOnAsync(due.AddDays(1));
        Assert.Contains("需重新提交备案申请", late.Errors[0].Message);
        Assert.True((await BookOnAsync(due)).Succeeded);
    }

    [Fact]
    public async Task An_enterprise_cannot_see_another_enterprises_appointment_or_slip()
    {
        var visit = (await _site.AppointmentsAsync()).Single(a => a.State == AppointmentState.Confirmed).ContentItemId;
        using var water = await _site.SignInAsync(FilingSite.Water);
        Assert.Equal(HttpStatusCode.NotFound, (await water.GetAsync($"{_site.Prefix}/my/appointments/{visit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await water.GetAsync($"{_site.Prefix}/my/appointments/{visit}?handler=Slip")).StatusCode);
        Assert.DoesNotContain((await _site.AppointmentAsync(visit)).Number, (await water.GetDocumentAsync($"{_site.Prefix}/my/appointments")).Body!.TextContent);
        // A forged cancel with the other's id and the enterprise's own token.
        var token = (await water.GetDocumentAsync($"{_site.Prefix}/my/appointments")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await water.Client.PostAsync($"{_site.Prefix}/my/appointments/{visit}?handler=Cancel", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(AppointmentState.Confirmed, (await _site.AppointmentAsync(visit)).State);
        Assert.Equal(HttpStatusCode.Forbidden, (await water.GetAsync($"{_site.Prefix}/admin/appointments")).StatusCode);
    }

    private Task<int> InstitutionAsync() => _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>()
        .Where(i => i.Name == Institute).Select(i => i.Id).FirstAsync());

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "").Length) / what.Length;
}
