using Metrology.Core.Data;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments;

/// <summary>
/// Staff's instrument list (<c>/admin/instruments</c>) by keyset: the rows with a valid-until date by (ValidUntil,
/// ContentItemId), then those without one by ContentItemId — NULLs last on every provider, each part read off
/// <c>IX_InstrumentIndex_Staff*</c> (migration step <c>IndexStaffList</c>) in order, so a deep page costs what the
/// first does. A cursor is a row's id, looked up in the filtered rows: one that is not there gives the first page.
/// </summary>
internal static class StaffInstrumentList
{
    /// <summary>
    /// The tenant's active rows, where the list starts. Compared with a parameter (<c>"Active" = @active</c>): the bare
    /// <c>WHERE "Active"</c> that <c>i =&gt; i.Active</c> becomes is not a comparison, so SQLite could not use the
    /// indexes above and scanned and sorted every row of the tenant for each page (docs/performance.md, third pass).
    /// </summary>
    public static IQueryable<InstrumentIndex> ActiveRows(TenantDbContext db)
    {
        var active = true;
        return db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.Active == active);
    }

    public static async Task<LibraryPage> PageAsync(IQueryable<InstrumentIndex> filtered, LibraryCursor at, int size, CancellationToken ct)
    {
        var anchorId = at.After ?? at.Before;
        var anchor = anchorId is null ? null : await filtered.FirstOrDefaultAsync(i => i.ContentItemId == anchorId, ct);
        // A page after a row or at the end shows the count its link carried (see LibraryCursor.KnownCount).
        const int bound = InstrumentLibrary.CountBound;
        var count = (anchor is not null || at.Last ? at.KnownCount(bound) : null) ?? await filtered.Take(bound + 1).CountAsync(ct);
        if (at.Last || (at.Before is not null && anchor is not null))
        {
            var rows = await BackwardAsync(filtered, anchor, size + 1, ct);
            var more = rows.Count > size;
            if (more) rows.RemoveAt(size);
            rows.Reverse();
            if (!more && !at.Last) return await PageAsync(filtered, new LibraryCursor(), size, ct);
            return new(rows, count, more, !at.Last, bound);
        }
        var page = await ForwardAsync(filtered, anchor, size + 1, ct);
        var next = page.Count > size;
        if (next) page.RemoveAt(size);
        return new(page, count, anchor is not null, next, bound);
    }

    private static async Task<List<InstrumentIndex>> ForwardAsync(IQueryable<InstrumentIndex> q, InstrumentIndex? anchor, int n, CancellationToken ct)
    {
        var rows = new List<InstrumentIndex>();
        if (anchor?.ValidUntil is DateOnly v)
        {
            var id = anchor.ContentItemId;
            rows.AddRange(await q.Where(i => i.ValidUntil >= v && (i.ValidUntil > v || string.Compare(i.ContentItemId, id) > 0))
                .OrderBy(i => i.ValidUntil).ThenBy(i => i.ContentItemId).Take(n).ToListAsync(ct));
        }
        else if (anchor is null)
            rows.AddRange(await q.Where(i => i.ValidUntil != null).OrderBy(i => i.ValidUntil).ThenBy(i => i.ContentItemId).Take(n).ToListAsync(ct));
        if (rows.Count == n) return rows;
        var undated = q.Where(i => i.ValidUntil == null);
        if (anchor is { ValidUntil: null }) { var id = anchor.ContentItemId; undated = undated.Where(i => string.Compare(i.ContentItemId, id) > 0); }
        rows.AddRange(await undated.OrderBy(i => i.ContentItemId).Take(n - rows.Count).ToListAsync(ct));
        return rows;
    }

    /// <summary>The rows before the anchor (before the end when null), nearest first.</summary>
    private static async Task<List<InstrumentIndex>> BackwardAsync(IQueryable<InstrumentIndex> q, InstrumentIndex? anchor, int n, CancellationToken ct)
    {
        var rows = new List<InstrumentIndex>();
        if (anchor is null || anchor.ValidUntil is null)
        {
            var undated = q.Where(i => i.ValidUntil == null);
            if (anchor is not null) { var id = anchor.ContentItemId; undated = undated.Where(i => string.Compare(i.ContentItemId, id) < 0); }
            rows.AddRange(await undated.OrderByDescending(i => i.ContentItemId).Take(n).ToListAsync(ct));
        }
        if (rows.Count == n) return rows;
        var dated = q.Where(i => i.ValidUntil != null);
        if (anchor?.ValidUntil is DateOnly v)
        {
            var id = anchor.ContentItemId;
            dated = dated.Where(i => i.ValidUntil <= v && (i.ValidUntil < v || string.Compare(i.ContentItemId, id) < 0));
        }
        rows.AddRange(await dated.OrderByDescending(i => i.ValidUntil).ThenByDescending(i => i.ContentItemId).Take(n - rows.Count).ToListAsync(ct));
        return rows;
    }
}
