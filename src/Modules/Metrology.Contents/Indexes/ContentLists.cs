using Metrology.Core.Content;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Contents.Indexes;

/// <summary>The children of a list item, in order, read through the list index; and their reordering.</summary>
public sealed class ContentLists(TenantDbContext db)
{
    /// <summary>Children in their order: the latest versions (admin) or the published ones (portal), a page of them.</summary>
    public async Task<(List<ContentItem> Items, int Total)> ChildrenAsync(string containerId, VersionOptions version, int skip = 0, int take = 500, CancellationToken ct = default)
    {
        var entries = db.Set<ContentListEntry>().AsNoTracking().Where(e => e.ContainerId == containerId && (version == VersionOptions.Latest || e.Published));
        var total = await entries.CountAsync(ct);
        var items = await entries
            .Join(db.Set<ContentItem>().AsNoTracking().Where(i => version == VersionOptions.Latest ? i.Latest : i.Published),
                e => e.ContentItemId, i => i.ContentItemId, (e, i) => new { e.Position, Item = i })
            .OrderBy(x => x.Position).ThenBy(x => x.Item.Id).Skip(skip).Take(take).Select(x => x.Item).ToListAsync(ct);
        return (items, total);
    }

    public Task<int> CountAsync(string containerId, CancellationToken ct = default) =>
        db.Set<ContentListEntry>().CountAsync(e => e.ContainerId == containerId, ct);

    /// <summary>Swaps a child with its neighbour before (-1) or after (+1). The order is not versioned content.</summary>
    public async Task MoveAsync(string containerId, string childId, int by, CancellationToken ct = default)
    {
        var entries = await db.Set<ContentListEntry>().Where(e => e.ContainerId == containerId).OrderBy(e => e.Position).ToListAsync(ct);
        var i = entries.FindIndex(e => e.ContentItemId == childId);
        var j = i + Math.Sign(by);
        if (i < 0 || j < 0 || j >= entries.Count) return;
        (entries[i], entries[j]) = (entries[j], entries[i]);
        for (var k = 0; k < entries.Count; k++) entries[k].Position = k + 1;
        await db.SaveChangesAsync(ct);
    }
}
