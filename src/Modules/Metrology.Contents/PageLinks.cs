using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Contents;

/// <summary>
/// The portal's navigation: the links of the published menu (the first item of a type with a MenuPart),
/// then search. A tenant that has not set its content up yet (no database) has none.
/// </summary>
internal sealed class PageLinks(TenantDbContext db, TenantContext tenant, ContentDefinitionStore definitions, IMemoryCache cache, TenantCaches caches) : IPortalLinks
{
    /// <summary>The links are on every portal page: kept per tenant until a publish changes them, or 30 s.</summary>
    public static string KeyOf(string tenant) => "portal-page-links:" + tenant;

    public async Task<IEnumerable<PortalLink>> LinksAsync()
    {
        if (tenant.Tenant.State != TenantState.Running) return [];
        if (cache.TryGetValue(KeyOf(tenant.Tenant.Name), out IReadOnlyList<PortalLink>? cached)) return cached!;
        var links = await ReadAsync();
        cache.Set(KeyOf(tenant.Tenant.Name), links, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30) }
            .AddExpirationToken(caches.Token(tenant.Tenant.Name)));
        return links;
    }

    private async Task<IReadOnlyList<PortalLink>> ReadAsync()
    {
        ContentItem? menu;
        try
        {
            var menuTypes = (await definitions.TypesAsync()).Where(t => t.Has(ContentParts.Menu)).Select(t => t.Name).ToArray();
            menu = menuTypes.Length == 0 ? null : await db.Set<ContentItem>().AsNoTracking()
                .Where(i => i.Published && menuTypes.Contains(i.ContentType)).OrderBy(i => i.Id).FirstOrDefaultAsync();
        }
        catch (System.Data.Common.DbException)
        {
            return []; // the error page of a tenant whose database fails still renders
        }
        var links = menu is null ? [] : MenuLinks.Of(menu);
        return links.Select((l, i) => new PortalLink(l.Text, l.Url, 10 + i * 10))
            .Append(new PortalLink("站内搜索", "/search", 900))
            .ToList();
    }
}
