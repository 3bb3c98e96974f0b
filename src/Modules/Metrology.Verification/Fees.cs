using System.Globalization;
using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification;

/// <summary>
/// Repair and other fees on an appointment (seed 000 step 9: 如发生修理费或其他费用须交费后才能自行打印电子证书): the counter records
/// them and marks them paid; when the last one is paid the certificate feature is told.
/// </summary>
public sealed class Fees(TenantDbContext db, IAppointmentRecords appointments, IEnterpriseDirectory enterprises, IWorkflowEvents events,
    VerificationResults results, TimeProvider clock)
{
    public async Task<IReadOnlyList<AppointmentFee>> OfAsync(string appointmentId, CancellationToken ct = default) =>
        await db.Set<AppointmentFee>().AsNoTracking().Where(f => f.AppointmentId == appointmentId).OrderBy(f => f.Id).ToListAsync(ct);

    public async Task<WorkResult> RecordAsync(ClaimsPrincipal user, StaffScope scope, string appointmentId, string? item, string? amount, CancellationToken ct = default)
    {
        if (await appointments.GetAsync(appointmentId, ct) is not { } a || !scope.Allows(a.InstitutionId)) return WorkResult.Fail("约检单不存在，或不在本机构受理。");
        if (a.State is not (AppointmentState.Received or AppointmentState.Completed)) return WorkResult.Fail("约检单接收后才能登记费用。");
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(item)) errors.Add(("FeeItem", "请填写费用项目（如修理费）。"));
        else if (item.Trim().Length > 100) errors.Add(("FeeItem", "费用项目最多 100 个字。"));
        if (!decimal.TryParse(amount?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) errors.Add(("FeeAmount", "请填写金额（元），如 120 或 120.50。"));
        else if (value <= 0 || value > 1_000_000) errors.Add(("FeeAmount", "金额应大于 0 且不超过 1,000,000 元。"));
        else if (decimal.Round(value, 2) != value) errors.Add(("FeeAmount", "金额最多两位小数。"));
        if (errors.Count > 0) return new WorkResult(errors);
        var fee = new AppointmentFee
        {
            AppointmentId = a.Id, EnterpriseId = a.EnterpriseId, InstitutionId = a.InstitutionId, Item = item!.Trim(), AmountCents = (long)(value * 100),
            RecordedUtc = clock.GetUtcNow().UtcDateTime, RecordedBy = user.Identity?.Name ?? "",
        };
        db.Add(fee);
        await db.SaveChangesAsync(ct);
        await events.TriggerAsync(VerificationEvents.FeeRecorded, VerificationEvents.AppointmentPayload(a, await enterprises.FindAsync(a.EnterpriseId, ct), a.Lines.Count, Fee(fee)), $"appointment:{a.Id}", ct);
        return WorkResult.Ok;
    }

    public async Task<WorkResult> MarkPaidAsync(ClaimsPrincipal user, StaffScope scope, string appointmentId, int feeId, CancellationToken ct = default)
    {
        if (await appointments.GetAsync(appointmentId, ct) is not { } a || !scope.Allows(a.InstitutionId)) return WorkResult.Fail("约检单不存在，或不在本机构受理。");
        var now = clock.GetUtcNow().UtcDateTime;
        // Claimed by a conditional update: paid once even when two clicks race.
        var paid = await db.Set<AppointmentFee>().Where(f => f.Id == feeId && f.AppointmentId == appointmentId && f.PaidUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.PaidUtc, now).SetProperty(f => f.PaidBy, user.Identity?.Name), ct);
        if (paid != 1) return WorkResult.Fail("该费用不存在或已缴清。");
        var fee = await db.Set<AppointmentFee>().AsNoTracking().FirstAsync(f => f.Id == feeId, ct);
        await events.TriggerAsync(VerificationEvents.FeePaid, VerificationEvents.AppointmentPayload(a, await enterprises.FindAsync(a.EnterpriseId, ct), a.Lines.Count, Fee(fee)), $"appointment:{a.Id}", ct);
        if (await results.FeesOutstandingAsync(a.Id, ct) == 0) await results.FeesPaidAsync(a.Id, ct);
        return WorkResult.Ok;
    }

    private static object Fee(AppointmentFee f) => new { item = f.Item, amount = VerificationLabels.Money(f.Amount) };
}
