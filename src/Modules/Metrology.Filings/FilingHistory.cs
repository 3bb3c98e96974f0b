using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

/// <summary>An instrument's filing steps for its history (备案: submitted, accepted or rejected).</summary>
internal sealed class FilingHistory(TenantDbContext db, IHttpContextAccessor http, PermissionService permissions) : IInstrumentHistorySource
{
    public async Task<IReadOnlyList<InstrumentHistoryEntry>> ForAsync(string instrumentId, bool forStaff, CancellationToken ct = default)
    {
        // Staff are led to the filing only when they may review it.
        var link = !forStaff || http.HttpContext?.User is { } user && await permissions.HasAsync(user, Permissions.ReviewFilings);
        var rows = await db.Set<FilingLineIndex>().AsNoTracking().Where(l => l.InstrumentId == instrumentId)
            .Join(db.Set<FilingIndex>().AsNoTracking(), l => l.FilingId, f => f.ContentItemId, (l, f) => new { l.Decision, l.DecidedUtc, f.ContentItemId, f.Number, f.SubmittedUtc })
            .ToListAsync(ct);
        var entries = new List<InstrumentHistoryEntry>();
        foreach (var r in rows.Where(r => r.SubmittedUtc is not null))
        {
            var url = !link ? null : forStaff ? $"/admin/filings/{r.ContentItemId}" : $"/my/filings/{r.ContentItemId}";
            entries.Add(new(r.SubmittedUtc!.Value, "备案", $"提交强检备案申请 {r.Number}", null, url));
            if (r.DecidedUtc is { } decided && r.Decision != LineDecision.Pending)
                entries.Add(new(decided, "备案", r.Decision == LineDecision.Accepted ? $"备案 {r.Number} 已通过" : $"备案 {r.Number} 未通过", null, url));
        }
        return entries;
    }
}
