using Metrology.Core.Data;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData;

/// <summary>Queries over institutions that the pickers and pages share.</summary>
internal static class Institutions
{
    public static async Task<List<object>> SearchAsync(TenantDbContext db, string? q, CancellationToken ct)
    {
        var query = db.Set<Institution>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(i => i.Name.Contains(q.Trim()));
        return await query.OrderBy(i => i.Name).Take(20).Select(i => (object)new { code = i.Id.ToString(), name = i.Name }).ToListAsync(ct);
    }
}
