using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments;

/// <summary>The library as the process modules use it (<see cref="IInstrumentRecords"/>): reads from the index, changes through the library's rules.</summary>
internal sealed class InstrumentRecords(TenantDbContext db, InstrumentLibrary library) : IInstrumentRecords
{
    public async Task<IReadOnlyList<InstrumentSummary>> FindAsync(int enterpriseId, IEnumerable<string> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return await Rows.Where(i => i.EnterpriseId == enterpriseId && wanted.Contains(i.ContentItemId)).Select(Summary).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<InstrumentSummary>> FindAnyAsync(IEnumerable<string> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return await Rows.Where(i => wanted.Contains(i.ContentItemId)).Select(Summary).ToListAsync(ct);
    }

    public async Task<(IReadOnlyList<InstrumentSummary> Items, int Total)> SearchAsync(int enterpriseId, InstrumentSearch s, int skip, int take, CancellationToken ct = default)
    {
        var q = Rows.Where(i => i.EnterpriseId == enterpriseId && i.Active);
        if (!string.IsNullOrWhiteSpace(s.Name)) { var n = s.Name.Trim(); q = q.Where(i => i.Name.Contains(n)); }
        if (!string.IsNullOrWhiteSpace(s.SerialContains)) { var n = s.SerialContains.Trim(); q = q.Where(i => i.SerialNumber.Contains(n)); }
        if (!string.IsNullOrWhiteSpace(s.CatalogCode)) { var c = s.CatalogCode.Trim(); q = q.Where(i => i.CatalogCode == c); }
        if (!string.IsNullOrWhiteSpace(s.Department)) { var d = s.Department.Trim(); q = q.Where(i => i.Department == d); }
        if (s.Filing is { } f) q = q.Where(i => i.FilingStatus == f);
        if (s.FiledWith is { } w) q = q.Where(i => i.FilingInstitutionId == w);
        if (s.ValidFrom is { } from) q = q.Where(i => i.ValidUntil >= from);
        if (s.ValidTo is { } to) q = q.Where(i => i.ValidUntil <= to);
        if (s.Except is { Count: > 0 } except) q = q.Where(i => !except.Contains(i.ContentItemId));
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(i => i.Name).ThenBy(i => i.SerialNumber).ThenBy(i => i.ContentItemId).Skip(skip).Take(take).Select(Summary).ToListAsync(ct);
        return (items, total);
    }

    public async Task<(IReadOnlyList<InstrumentSummary> Items, int Total)> DueAsync(DueSearch search, int skip, int take, CancellationToken ct = default)
    {
        var q = Due(search);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(i => i.EnterpriseId).ThenBy(i => i.ValidUntil).ThenBy(i => i.Name).ThenBy(i => i.ContentItemId)
            .Skip(skip).Take(take).Select(Summary).ToListAsync(ct);
        return (items, total);
    }

    public async Task<(IReadOnlyList<DueGroup> Items, int Total)> DueByEnterpriseAsync(DueSearch search, int skip, int take, CancellationToken ct = default)
    {
        var groups = Due(search).GroupBy(i => i.EnterpriseId).Select(g => new { EnterpriseId = g.Key, Count = g.Count(), Earliest = g.Min(i => i.ValidUntil) });
        var total = await groups.CountAsync(ct);
        var rows = await groups.OrderByDescending(g => g.Count).ThenBy(g => g.EnterpriseId).Skip(skip).Take(take).ToListAsync(ct);
        return (rows.Select(g => new DueGroup(g.EnterpriseId, g.Count, g.Earliest!.Value)).ToList(), total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountDueAsync(DueSearch search, DueGrouping by, CancellationToken ct = default)
    {
        var q = Due(search);
        var groups = by switch
        {
            DueGrouping.Region => await q.GroupBy(i => i.RegionCode ?? "").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct),
            DueGrouping.Catalog => await q.GroupBy(i => i.CatalogCode ?? "").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct),
            DueGrouping.Usage => (await q.GroupBy(i => i.Usage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => new { Key = g.Key?.ToString() ?? "", g.Count }).ToList(),
            _ => (await q.GroupBy(i => i.ValidUntil!.Value.Year * 100 + i.ValidUntil!.Value.Month).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => new { Key = g.Key.ToString(), g.Count }).ToList(),
        };
        return groups.ToDictionary(g => g.Key, g => g.Count);
    }

    /// <summary>Reads <c>IX_InstrumentIndex_Due</c> (valid-until of the active mandatory rows) or, for one institution, <c>IX_InstrumentIndex_FilingInstitutionId_ValidUntil</c>.</summary>
    private IQueryable<InstrumentIndex> Due(DueSearch s)
    {
        var q = Rows.Where(i => i.Active && i.Mandatory && i.ValidUntil != null && i.ValidUntil <= s.To);
        if (s.From is { } from) q = q.Where(i => i.ValidUntil >= from);
        if (s.InstitutionId is { } institution) q = q.Where(i => i.FilingInstitutionId == institution);
        if (s.EnterpriseId is { } enterprise) q = q.Where(i => i.EnterpriseId == enterprise);
        if (!string.IsNullOrWhiteSpace(s.RegionCode)) { var r = s.RegionCode.Trim(); q = q.Where(i => i.RegionCode == r); }
        if (s.Enterprises is { } enterprises) q = q.Where(i => enterprises.Contains(i.EnterpriseId));
        if (s.Except is { } except) q = q.Where(i => !except.Contains(i.ContentItemId));
        return q;
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> ChangeAnyAsync(string id, InstrumentChange change, string? userName, CancellationToken ct = default)
    {
        var owner = await Rows.Where(i => i.ContentItemId == id).Select(i => (int?)i.EnterpriseId).FirstOrDefaultAsync(ct);
        return owner is { } enterpriseId ? await ChangeAsync(enterpriseId, id, change, userName, ct) : [("", "器具不存在。")];
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> ChangeAsync(int enterpriseId, string id, InstrumentChange c, string? userName, CancellationToken ct = default)
    {
        if (await library.GetAsync(enterpriseId, id, ct) is not { } found) return [("", "器具不存在或不属于本单位。")];
        var p = found.Part;
        var changed = p with
        {
            FilingStatus = c.Filing ?? p.FilingStatus,
            FilingInstitutionId = c.ClearFilingInstitution == true ? null : c.FilingInstitutionId ?? p.FilingInstitutionId,
            Mandatory = c.Mandatory ?? p.Mandatory,
            EverFiled = p.EverFiled || c.Filing == FilingStatus.Filed,
            FiledOn = c.FiledOn ?? p.FiledOn,
            CatalogCode = c.CatalogCode ?? p.CatalogCode,
            Usage = c.Usage ?? p.Usage,
            Method = c.Method ?? p.Method,
            Department = c.Department ?? p.Department,
            Location = c.Location ?? p.Location,
            ValidUntil = c.ValidUntil ?? p.ValidUntil,
            LastVerificationDate = c.LastVerificationDate ?? p.LastVerificationDate,
        };
        changed.WriteTo(found.Item);
        var result = await library.SaveItemAsync(found.Item, userName, ct);
        return result.Errors;
    }

    private IQueryable<InstrumentIndex> Rows => db.Set<InstrumentIndex>().AsNoTracking();

    private static readonly System.Linq.Expressions.Expression<Func<InstrumentIndex, InstrumentSummary>> Summary = i => new InstrumentSummary(
        i.ContentItemId, i.EnterpriseId, i.Name, i.ModelSpec, i.SerialNumber, i.OwnNumber, i.CatalogCode, i.Usage, i.Method, i.Department,
        i.Location, i.RegionCode, i.Active, i.Mandatory, i.FilingStatus, i.FilingInstitutionId, i.FiledOn, i.ValidUntil, i.Manufacturer);
}
