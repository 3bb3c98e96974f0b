using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification.Recipes;

/// <summary>
/// Demo reception and verification through the same use cases as the site: <c>{ "name": "Verification", "Enterprise": "13900000001",
/// "Point": "业务大厅", "Fees": [{ "Item": "修理费", "Amount": "80" }], "Lines": [{ "SerialNumber": "…", "Stage": "Received" | "Submitted" | "Checked" |
/// "Approved" | "Collected", "Conclusion": "Pass" | "Fail", "AccuracyClass": "…", "FailedItems": "…" }] }</c>. The lines' open appointment is received
/// (at the point) by "收发员"; results are recorded by "检定员", checked by "核验员", approved by "批准人" (demo names).
/// </summary>
internal sealed class VerificationStep(IEnterpriseDirectory enterprises, IInstrumentRecords instruments, IAppointmentRecords appointments, Reception reception,
    SignOff signOff, Fees fees, TenantDbContext db, TimeProvider clock) : IRecipeStepHandler
{
    public string Name => "Verification";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var step = context.Step;
        var mobile = RecipeJson.Text(step, "Enterprise") ?? throw new RecipeStepException("缺少 Enterprise（企业联系人手机号）。");
        var enterprise = await enterprises.FindByMobileAsync(mobile) ?? throw new RecipeStepException($"没有手机号为 {mobile} 的企业。");
        var all = (await instruments.SearchAsync(enterprise.Id, new InstrumentSearch(), 0, 10_000)).Items;
        var lines = RecipeJson.Array(step, "Lines").ToList();
        var ids = lines.Select(l => RecipeJson.Text(l, "SerialNumber")).Select(s => all.FirstOrDefault(i => i.SerialNumber == s)?.Id
            ?? throw new RecipeStepException($"没有出厂编号为 {s} 的器具。")).ToList();
        var appointment = await appointments.OpenForInstrumentAsync(ids[0]) ?? throw new RecipeStepException("该器具不在已确认的约检单中。");
        var scope = new StaffScope(true, null);
        Check(await reception.ReceiveAsync(SignOff.RecipeActor("收发员"), scope, appointment.Id, ids, RecipeJson.Text(step, "Point")), "接收");
        if (step.TryGetProperty("Fees", out var feeList))
            foreach (var f in feeList.EnumerateArray())
                Check(await fees.RecordAsync(SignOff.RecipeActor("收发员"), scope, appointment.Id, RecipeJson.Text(f, "Item"), RecipeJson.Text(f, "Amount")), "登记费用");

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var stage = RecipeJson.Text(line, "Stage") ?? "Received";
            if (stage == "Received") continue;
            var task = await db.Set<VerificationTask>().AsNoTracking().FirstAsync(t => t.AppointmentId == appointment.Id && t.InstrumentId == ids[i]);
            var pass = RecipeJson.Text(line, "Conclusion") != "Fail";
            var byPeriod = await signOff.LatestValidUntilAsync(task, today);
            var record = new VerificationRecord(today, RecipeJson.Text(line, "Regulation") ?? "JJG 示例规程", RecipeJson.Text(line, "Standards") ?? "示例计量标准装置（证书号 示例-001）",
                "20.5℃", "55%RH", pass ? VerificationConclusion.Pass : VerificationConclusion.Fail, RecipeJson.Text(line, "AccuracyClass"),
                pass ? null : RecipeJson.Text(line, "FailedItems") ?? "示值误差超差", pass && byPeriod is null ? today.AddYears(1).AddDays(-1) : null);
            Check(await signOff.SubmitAsync(SignOff.RecipeActor("检定员"), task.Id, record), "检定");
            if (stage == "Submitted") continue;
            Check(await signOff.CheckAsync(SignOff.RecipeActor("核验员"), task.Id), "核验");
            if (stage == "Checked") continue;
            Check(await signOff.ApproveAsync(SignOff.RecipeActor("批准人"), task.Id), "批准");
            if (stage == "Collected") Check(await reception.CollectAsync(SignOff.RecipeActor("收发员"), scope, appointment.Id, [task.Id], enterprise.ContactName), "取回");
        }
    }

    private static void Check(WorkResult result, string what)
    {
        if (!result.Succeeded) throw new RecipeStepException($"接收与检定 {what}：" + string.Join("；", result.Errors.Select(e => e.Message)));
    }
}
