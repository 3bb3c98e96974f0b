using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData;

/// <summary>
/// The catalog of the tenant: search, the rule that only verifiable items may be chosen, and saving. Every change (an
/// import, a recipe, an edit, a removal) empties the tenant's caches on every node: the public catalog page is output
/// cached and <see cref="CatalogSearch"/> keeps the catalog in memory.
/// </summary>
public sealed class CatalogService(TenantDbContext db, TenantContext tenant, TenantCaches caches)
{
    public IQueryable<CatalogItem> Items => db.Set<CatalogItem>().AsNoTracking();

    /// <summary>Every item, by group and then code (the public catalog's order).</summary>
    public Task<List<CatalogItem>> AllByGroupAsync(CancellationToken ct = default) =>
        Items.OrderBy(i => i.Group).ThenBy(i => i.Code).ToListAsync(ct);

    /// <summary>Items whose code starts with, or whose name contains, <paramref name="q"/>.</summary>
    public Task<List<CatalogItem>> SearchAsync(string? q, bool verifiableOnly, int take, CancellationToken ct = default)
    {
        var query = Items;
        if (verifiableOnly) query = query.Where(i => i.Marking != ControlMarking.P);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(i => i.Code.StartsWith(text) || i.Name.Contains(text) || i.Group.Contains(text) || (i.Item != null && i.Item.Contains(text)));
        }
        return query.OrderBy(i => i.Code).Take(take).ToListAsync(ct);
    }

    /// <summary>Null when the item exists and is under mandatory verification; else why it cannot be chosen.</summary>
    public async Task<string?> CheckVerifiableAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code)) return "请选择强检目录项。";
        var item = await Items.FirstOrDefaultAsync(i => i.Code == code.Trim(), ct);
        if (item is null) return $"强检目录中没有种别代码「{code}」。";
        return item.IsVerifiable ? null : $"「{item.Name}」（{item.Code}）只需型式批准（P），不属于强制检定，不能选择。";
    }

    /// <summary>Adds new codes and updates existing ones, all in one transaction.</summary>
    public async Task UpsertAsync(IReadOnlyList<CatalogItem> items, CancellationToken ct = default)
    {
        var codes = items.Select(i => i.Code).ToList();
        var existing = await db.Set<CatalogItem>().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
        foreach (var item in items)
        {
            if (existing.TryGetValue(item.Code, out var current))
            {
                item.Id = current.Id;
                // The Excel sheet has no discipline column: an import keeps the discipline a recipe or an earlier save gave.
                if (item.Discipline == Discipline.None) item.Discipline = current.Discipline;
                db.Entry(current).CurrentValues.SetValues(item);
            }
            else
            {
                item.Id = 0;
                db.Add(item);
            }
        }
        await db.SaveChangesAsync(ct);
        await ChangedAsync();
    }

    /// <summary>Saves an item read (tracked) from this scope's context, or adds a new one.</summary>
    public async Task SaveAsync(CatalogItem item, CancellationToken ct = default)
    {
        if (item.Id == 0) db.Add(item);
        await db.SaveChangesAsync(ct);
        await ChangedAsync();
    }

    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await db.Set<CatalogItem>().Where(i => i.Id == id).ExecuteDeleteAsync(ct);
        await ChangedAsync();
    }

    private Task ChangedAsync() => caches.ChangedAsync(tenant.Tenant.Name);
}
