using Metrology.Core.Data;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

/// <summary>备案申请号 "BA" + year + 6-digit sequence (BA2026000123), unique in the tenant (the index's unique key guards a race).</summary>
internal static class FilingNumbers
{
    public static async Task<string> NextAsync(TenantDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var prefix = $"BA{clock.GetLocalNow().Year}";
        var last = await db.Set<FilingIndex>().AsNoTracking().Where(f => f.Number.StartsWith(prefix))
            .OrderByDescending(f => f.Number).Select(f => f.Number).FirstOrDefaultAsync(ct);
        var next = last is not null && int.TryParse(last[prefix.Length..], out var n) ? n + 1 : 1;
        return $"{prefix}{next:D6}";
    }
}
