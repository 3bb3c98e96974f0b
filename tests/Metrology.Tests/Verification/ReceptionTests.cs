using System.Net;
using Metrology.Core.Appointments;
using Metrology.Core.Verification;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Metrology.Verification.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Verification;

/// <summary>The counter (收件 / 接收登记, seed 004 §一 3 (8)) in Chongqing: only filed and booked instruments of this institution, receipt rows, the receipt, fees, hand-back.</summary>
public sealed class ReceptionTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private const string Station = "13900000002", Meters = "13900000003", Branch = "第四分院", Main = "重庆市计量质量检测研究院";

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "CqReception", "chongqing");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_demo_has_instruments_at_every_stage_and_one_waits_for_payment()
    {
        var tasks = (await _site.TasksAsync()).Where(t => t.SerialNumber.StartsWith("CQ") && t.SerialNumber.Contains("2025-02")).ToList();
        Assert.Equal(5, tasks.Count);
        Assert.Equal([TaskState.Waiting, TaskState.Submitted, TaskState.Checked, TaskState.Approved, TaskState.Approved],
            tasks.OrderBy(t => t.State).Select(t => t.State).ToList());
        Assert.Contains(tasks, t => t.Conclusion == VerificationConclusion.Fail && t.State == TaskState.Approved);
        Assert.All(tasks.Where(t => t.State == TaskState.Approved), t => Assert.True(t.WaitsForFees));
        var results = await _site.InTenantAsync(s => s.GetRequiredService<IVerificationResults>().ApprovedOfAppointmentAsync(tasks[0].AppointmentId));
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(80m, r.FeesOutstanding));
        Assert.All(results, r => Assert.Equal(3, new[] { r.Verifier, r.Checker, r.Approver }.Distinct().Count()));
        Assert.All(tasks, t => Assert.Equal("业务大厅", t.ReceptionPoint));
        Assert.Equal(AppointmentState.Received, (await _site.AppointmentInfoAsync(tasks[0].AppointmentId)).State);

        // The enterprise sees its own instruments at the institute, and the fee it owes.
        using var meters = await _site.SignInAsync(Meters);
        var mine = (await meters.GetDocumentAsync($"{_site.Prefix}/my/verification")).QuerySelector("#at-institute")!.TextContent;
        Assert.Contains("CQT2025-0201", mine);
        Assert.Contains("待缴费", mine);
        Assert.Contains("未缴 80.00 元", mine);
        using var station = await _site.SignInAsync(Station);
        Assert.DoesNotContain("CQT2025-0201", (await station.GetDocumentAsync($"{_site.Prefix}/my/verification")).Body!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.GetAsync($"{_site.Prefix}/admin/verification/{tasks[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.GetAsync($"{_site.Prefix}/admin/reception/{tasks[0].AppointmentId}")).StatusCode);
    }

    [Fact]
    public async Task The_counter_receives_two_of_three_lines_with_point_time_and_person_and_prints_the_receipt()
    {
        var ids = await _site.FiledInstrumentsAsync(Station, Branch, "CQR-1001", "CQR-1002", "CQR-1003");
        var id = await _site.SelfDeliveryAsync(Station, Branch, ids);
        var number = (await _site.AppointmentInfoAsync(id)).DeliveryNumber!;
        using var counter = await _site.StaffAsync("cq-counter", "业务大厅", Branch, "业务大厅");
        var waiting = await AwaitingAsync(counter);
        Assert.True(waiting >= 1);

        var search = await counter.GetAsync($"{_site.Prefix}/admin/reception?q={number}");
        Assert.Equal(HttpStatusCode.Redirect, search.StatusCode);
        Assert.EndsWith($"/admin/reception/{id}", TestBrowser.Location(search));
        await _site.OkAsync(counter, $"/admin/reception/{id}", "Receive", ("Selected", ids[0]), ("Selected", ids[1]), ("Point", "业务大厅"));

        var tasks = (await _site.TasksAsync()).Where(t => t.AppointmentId == id).ToList();
        Assert.Equal(["CQR-1001", "CQR-1002"], tasks.Select(t => t.SerialNumber).Order().ToList());
        Assert.All(tasks, t => Assert.Equal(("业务大厅", "cq-counter", TaskState.Waiting), (t.ReceptionPoint, t.ReceivedBy, t.State)));
        Assert.All(tasks, t => Assert.True(t.DueDate > DateOnly.FromDateTime(DateTime.Today)));
        Assert.Equal(AppointmentState.Received, (await _site.AppointmentInfoAsync(id)).State);
        Assert.Equal("接收", Assert.Single(await _site.StepsAsync(tasks[0].Id)).Action);
        Assert.Equal(waiting - 1, await AwaitingAsync(counter));

        var page = (await counter.GetDocumentAsync($"{_site.Prefix}/admin/reception/{id}")).QuerySelector("#lines")!.TextContent;
        Assert.Contains("cq-counter", page);
        Assert.Contains("未接收", page);
        var receipt = await counter.GetAsync($"{_site.Prefix}/admin/reception/{id}?handler=Receipt");
        Assert.Equal("application/pdf", receipt.Content.Headers.ContentType?.MediaType);
        var text = await AppointmentTestSupport.PdfTextAsync(await receipt.Content.ReadAsByteArrayAsync());
        Assert.Contains("取件凭证", text);
        Assert.Contains("CQR-1001", text);
        Assert.Contains("CQR-1002", text);
        Assert.DoesNotContain("CQR-1003", text);
        Assert.Contains("未接收 1 台", text);

        // The third line comes another day; one already received is not received twice.
        var again = await _site.PostAsync(counter, $"/admin/reception/{id}", "Receive", ("Selected", ids[0]), ("Point", "业务大厅"));
        Assert.Contains("已接收", await TestBrowser.ErrorsOfAsync(again));
        await _site.OkAsync(counter, $"/admin/reception/{id}", "Receive", ("Selected", ids[2]), ("Point", "业务大厅"));
        Assert.Equal(3, (await _site.TasksAsync()).Count(t => t.AppointmentId == id));
    }

    [Fact]
    public async Task An_unbooked_or_unfiled_instrument_and_another_institutions_booking_are_refused_with_the_rule()
    {
        using var counter = await _site.StaffAsync("cq-counter2", "业务大厅", Branch, "业务大厅");
        // Filed, never booked: the serial finds nothing to receive.
        var unbooked = await _site.FiledInstrumentsAsync(Station, Branch, "CQR-2001");
        var refused = (await counter.GetDocumentAsync($"{_site.Prefix}/admin/reception?q=CQR-2001")).QuerySelector("#refusal")!.TextContent;
        Assert.Contains("先备案，再约检；先受理，再检定。", refused);
        Assert.NotNull((await counter.GetDocumentAsync($"{_site.Prefix}/admin/reception?q=CQR-2001")).QuerySelector("#refusal a[href$='/guide']"));

        // Booked at the other institution: refused here, with where it is booked.
        var other = await _site.FiledInstrumentsAsync(Station, Main, "CQR-2002");
        var elsewhere = await _site.SelfDeliveryAsync(Station, Main, other);
        var number = (await _site.AppointmentInfoAsync(elsewhere)).DeliveryNumber!;
        var there = (await counter.GetDocumentAsync($"{_site.Prefix}/admin/reception?q={number}")).QuerySelector("#refusal")!.TextContent;
        Assert.Contains($"「{Main}」", there);
        Assert.Contains("先受理，再检定", there);
        Assert.Equal(HttpStatusCode.NotFound, (await counter.GetAsync($"{_site.Prefix}/admin/reception/{elsewhere}")).StatusCode);

        // Booked here but no longer filed with this institution (e.g. filed again elsewhere): the line is refused.
        var moved = await _site.FiledInstrumentsAsync(Station, Branch, "CQR-2003");
        var id = await _site.SelfDeliveryAsync(Station, Branch, moved);
        await _site.InTenantAsync(async s =>
        {
            var e = (await s.GetRequiredService<Metrology.Core.Enterprises.IEnterpriseDirectory>().FindByMobileAsync(Station))!;
            Assert.Empty(await s.GetRequiredService<Metrology.Core.Instruments.IInstrumentRecords>().ChangeAsync(e.Id, moved[0],
                new Metrology.Core.Instruments.InstrumentChange(Filing: Metrology.Core.Instruments.FilingStatus.NotFiled, ClearFilingInstitution: true), "t"));
            return 0;
        });
        var line = await _site.PostAsync(counter, $"/admin/reception/{id}", "Receive", ("Selected", moved[0]), ("Point", "业务大厅"));
        Assert.Contains("未向本机构备案，不予接收。先备案，再约检；先受理，再检定。", await TestBrowser.ErrorsOfAsync(line));
        Assert.DoesNotContain(await _site.TasksAsync(), t => t.AppointmentId == id);
        Assert.Equal(AppointmentState.Confirmed, (await _site.AppointmentInfoAsync(id)).State);
        Assert.NotEmpty(unbooked);
    }

    [Fact]
    public async Task Another_institutions_counter_cannot_receive_and_fees_then_hand_back_complete_the_appointment()
    {
        var ids = await _site.FiledInstrumentsAsync(Station, Branch, "CQR-3001");
        var id = await _site.SelfDeliveryAsync(Station, Branch, ids);
        using var mainCounter = await _site.StaffAsync("main-counter", "业务大厅", Main, "业务大厅");
        var token = (await mainCounter.GetDocumentAsync($"{_site.Prefix}/admin/reception")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var forged = await mainCounter.Client.PostAsync($"{_site.Prefix}/admin/reception/{id}?handler=Receive",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Selected", ids[0]), new("Point", "业务大厅")]));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.DoesNotContain(await _site.TasksAsync(), t => t.AppointmentId == id);

        using var counter = await _site.StaffAsync("cq-counter3", "业务大厅", Branch, "业务大厅");
        await _site.OkAsync(counter, $"/admin/reception/{id}", "Receive", ("Selected", ids[0]), ("Point", "业务大厅"));
        var bad = await _site.PostAsync(counter, $"/admin/reception/{id}", "Fee", ("FeeItem", "修理费"), ("FeeAmount", "十二"));
        Assert.Contains("请填写金额", await TestBrowser.ErrorsOfAsync(bad));
        await _site.OkAsync(counter, $"/admin/reception/{id}", "Fee", ("FeeItem", "修理费"), ("FeeAmount", "120.50"));
        var task = (await _site.TasksAsync()).Single(t => t.AppointmentId == id);

        // Not yet approved: cannot be collected.
        var early = await _site.PostAsync(counter, $"/admin/reception/{id}", "Collect", ("Collect", task.Id), ("CollectedBy", "张站长"));
        Assert.Contains("尚未批准", await TestBrowser.ErrorsOfAsync(early));

        await _site.InTenantAsync(async s =>
        {
            var signOff = s.GetRequiredService<Metrology.Verification.SignOff>();
            var today = DateOnly.FromDateTime(DateTime.Today);
            Assert.True((await signOff.SubmitAsync(Metrology.Verification.SignOff.RecipeActor("v1"), task.Id, new Metrology.Verification.VerificationRecord(today, "JJG 539", "砝码", "20℃", "50%", VerificationConclusion.Pass, null, null, null))).Succeeded);
            Assert.True((await signOff.CheckAsync(Metrology.Verification.SignOff.RecipeActor("c1"), task.Id)).Succeeded);
            Assert.True((await signOff.ApproveAsync(Metrology.Verification.SignOff.RecipeActor("a1"), task.Id)).Succeeded);
            return 0;
        });
        var approved = (await _site.TasksAsync()).Single(t => t.AppointmentId == id);
        Assert.True(approved.WaitsForFees);
        Assert.Equal(DateOnly.FromDateTime(DateTime.Today).AddMonths(12).AddDays(-1), approved.ValidUntil);
        var results = _site.InTenantAsync(s => s.GetRequiredService<IVerificationResults>().FeesOutstandingAsync(id));
        Assert.Equal(120.50m, await results);

        var fee = await _site.InTenantAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<AppointmentFee>(), f => f.AppointmentId == id));
        await _site.OkAsync(counter, $"/admin/reception/{id}?fee={fee.Id}", "Paid");
        Assert.Equal(0m, await _site.InTenantAsync(s => s.GetRequiredService<IVerificationResults>().FeesOutstandingAsync(id)));
        var twice = await _site.PostAsync(counter, $"/admin/reception/{id}?fee={fee.Id}", "Paid");
        Assert.Contains("已缴清", await TestBrowser.ErrorsOfAsync(twice));

        var noName = await _site.PostAsync(counter, $"/admin/reception/{id}", "Collect", ("Collect", task.Id), ("CollectedBy", ""));
        Assert.Contains("请填写取件人", await TestBrowser.ErrorsOfAsync(noName));
        await _site.OkAsync(counter, $"/admin/reception/{id}", "Collect", ("Collect", task.Id), ("CollectedBy", "张站长"));
        var collected = (await _site.TasksAsync()).Single(t => t.AppointmentId == id);
        Assert.Equal(("张站长", "cq-counter3"), (collected.CollectedBy, collected.HandedOverBy));
        Assert.Equal(AppointmentState.Completed, (await _site.AppointmentInfoAsync(id)).State);
    }

    [Fact]
    public async Task Another_institutions_staff_can_neither_see_nor_verify_check_or_approve()
    {
        using var other = await _site.ReviewerAsync("main-lab", "检定人员", Main);
        await _site.InTenantAsync(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Metrology.Core.Security.User>>();
            var user = (await users.FindByNameAsync("main-lab"))!;
            Assert.True((await users.AddToRolesAsync(user, ["核验人员", "批准人"])).Succeeded);
            return 0;
        });
        var (waiting, submitted, checkedTask) = (await _site.TaskAsync("CQT2025-0201"), await _site.TaskAsync("CQY2025-0202"), await _site.TaskAsync("CQS2025-0203"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{_site.Prefix}/admin/verification/{waiting.Id}")).StatusCode);
        Assert.DoesNotContain("2025-02", (await other.GetDocumentAsync($"{_site.Prefix}/admin/verification?lab=all")).QuerySelector("#queue")!.TextContent);
        var token = (await other.GetDocumentAsync($"{_site.Prefix}/admin/verification")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        async Task<HttpStatusCode> PostAsync(string id, string handler, params (string, string)[] fields) =>
            (await other.Client.PostAsync($"{_site.Prefix}/admin/verification/{id}?handler={handler}",
                new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token))))).StatusCode;
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(waiting.Id, "Submit", VerificationTestSupport.Record(DateTime.Today.ToString("yyyy-MM-dd"))));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(submitted.Id, "Check"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(checkedTask.Id, "Approve"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(submitted.Id, "Return", ("Reason", "x")));
        Assert.Equal((TaskState.Waiting, TaskState.Submitted, TaskState.Checked),
            ((await _site.TaskAsync("CQT2025-0201")).State, (await _site.TaskAsync("CQY2025-0202")).State, (await _site.TaskAsync("CQS2025-0203")).State));
        // Nor through the use cases, whatever page is forged.
        var direct = await _site.InTenantAsync(async s =>
        {
            var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "main-lab")]));
            return await s.GetRequiredService<Metrology.Verification.SignOff>().ApproveAsync(principal, checkedTask.Id);
        });
        Assert.False(direct.Succeeded);
    }

    /// <summary>待接收 on the counter's workspace.</summary>
    private async Task<int> AwaitingAsync(TestBrowser counter) =>
        int.Parse((await counter.GetDocumentAsync($"{_site.Prefix}/admin")).QuerySelector("a[data-label='待接收'] .count-value")!.TextContent);
}
