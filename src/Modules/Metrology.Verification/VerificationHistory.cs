using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification;

/// <summary>An instrument's reception and verification steps for its history (接收, 检定, 结论, 有效期至, 取回).</summary>
internal sealed class VerificationHistory(TenantDbContext db, IHttpContextAccessor http, PermissionService permissions) : IInstrumentHistorySource
{
    public async Task<IReadOnlyList<InstrumentHistoryEntry>> ForAsync(string instrumentId, bool forStaff, CancellationToken ct = default)
    {
        // Staff are led to the task only when they may see the labs' tasks.
        var link = !forStaff || http.HttpContext?.User is { } user && await permissions.HasAsync(user, Permissions.ViewTasks);
        var tasks = await db.Set<VerificationTask>().AsNoTracking().Where(t => t.InstrumentId == instrumentId).ToListAsync(ct);
        var entries = new List<InstrumentHistoryEntry>();
        foreach (var t in tasks)
        {
            var url = !link ? null : forStaff ? $"/admin/verification/{t.Id}" : "/my/verification";
            entries.Add(new(t.ReceivedUtc, "接收", $"{t.ReceptionPoint}接收，{VerificationLabels.Lab(t.Discipline)}检定，规定 {VerificationLabels.Date(t.DueDate)} 前完成", t.AppointmentNumber, url));
            if (t.SubmittedUtc is { } submitted && (forStaff || t.State == TaskState.Approved))
                entries.Add(new(submitted, "检定", $"检定日期 {VerificationLabels.Date(t.VerifiedOn)}" + (forStaff ? $"，检定员 {t.Verifier}" : ""), t.AppointmentNumber, url));
            if (t.ApprovedUtc is { } approved)
            {
                entries.Add(new(approved, "结论", VerificationLabels.Of(t.Conclusion) + (t.AccuracyClass is { } c ? $"（{c}）" : "") + (t.FailedItems is { } f ? $"：{f}" : "")
                    + (t.WaitsForFees ? "；电子证书待缴费后发放" : ""), t.AppointmentNumber, url));
                if (t.ValidUntil is { } until) entries.Add(new(approved, "有效期至", VerificationLabels.Date(until), t.AppointmentNumber, url));
            }
            if (t.CollectedUtc is { } collected) entries.Add(new(collected, "取回", $"取件人 {t.CollectedBy}", t.AppointmentNumber, url));
        }
        return entries;
    }
}
