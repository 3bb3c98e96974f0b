using Metrology.Core.Data;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData;

/// <summary>The administrative regions of the tenant.</summary>
public sealed class RegionService(TenantDbContext db)
{
    public IQueryable<Region> Regions => db.Set<Region>().AsNoTracking();

    public Task<List<Region>> SearchAsync(string? q, int take, CancellationToken ct = default)
    {
        var query = Regions;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(r => r.Code.StartsWith(text) || r.Name.Contains(text));
        }
        return query.OrderBy(r => r.Code).Take(take).ToListAsync(ct);
    }

    public async Task UpsertAsync(IReadOnlyList<Region> regions, CancellationToken ct = default)
    {
        var codes = regions.Select(r => r.Code).ToList();
        var existing = await db.Set<Region>().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, ct);
        foreach (var region in regions)
        {
            if (existing.TryGetValue(region.Code, out var current)) db.Entry(current).CurrentValues.SetValues(region);
            else db.Add(region);
        }
        await db.SaveChangesAsync(ct);
    }
}
