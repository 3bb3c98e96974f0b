using Metrology.Core.Tenants;
using Metrology.ReferenceData.Models;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.ReferenceData;

/// <summary>
/// The public catalog search (<c>/catalog</c>). The catalog is a few hundred rows at most (the national catalog with its
/// sub-items), read by every visitor and changed by an import or an edit now and then: it is kept in memory per tenant and
/// searched there, so a search runs no statement and creates no database context. Emptied by every change of the catalog
/// (<see cref="CatalogService"/> calls <see cref="TenantCaches.ChangedAsync"/>, on every node) and a minute at most.
/// </summary>
public sealed class CatalogSearch(IServiceProvider services, TenantContext tenant, IMemoryCache cache, TenantCaches caches)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>The items whose code starts with <paramref name="q"/> (letters in any case), or whose name, group or item contains it; all when empty. By group, then code.</summary>
    public async Task<IReadOnlyList<CatalogItem>> SearchAsync(string? q, CancellationToken ct = default)
    {
        var all = await AllAsync(ct);
        if (string.IsNullOrWhiteSpace(q)) return all;
        var text = q.Trim();
        return all.Where(i => i.Code.StartsWith(text, StringComparison.OrdinalIgnoreCase)
            || i.Name.Contains(text, StringComparison.Ordinal) || i.Group.Contains(text, StringComparison.Ordinal)
            || (i.Item is not null && i.Item.Contains(text, StringComparison.Ordinal))).ToList();
    }

    /// <summary>The tenant's catalog by group, then code, read once per change. The items are shared: never change one.</summary>
    private async Task<CatalogItem[]> AllAsync(CancellationToken ct)
    {
        var key = "catalog:" + tenant.Tenant.Name;
        if (cache.TryGetValue(key, out CatalogItem[]? items)) return items!;
        // The token is taken before the read: a change committed during the read empties this entry.
        var token = caches.Token(tenant.Tenant.Name);
        var catalog = services.GetRequiredService<CatalogService>();
        items = (await catalog.AllByGroupAsync(ct)).ToArray();
        using var entry = cache.CreateEntry(key);
        entry.Value = items;
        entry.AbsoluteExpirationRelativeToNow = CacheFor;
        entry.AddExpirationToken(token);
        return items;
    }
}
