using System.Text.Json.Nodes;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Contents;

/// <summary>
/// Published items (pages, guides…) whose "InMenu" field is set appear in the portal's navigation, in "MenuOrder".
/// A tenant that has not set its content up yet (no database) has none.
/// </summary>
internal sealed class PageLinks(TenantDbContext db, TenantContext tenant, IMemoryCache cache) : IPortalLinks
{
    /// <summary>The links are on every portal page: kept per tenant until a publish changes them, or 30 s.</summary>
    public static string KeyOf(string tenant) => "portal-page-links:" + tenant;

    public async Task<IEnumerable<PortalLink>> LinksAsync()
    {
        if (tenant.Tenant.State != TenantState.Running) return [];
        if (cache.TryGetValue(KeyOf(tenant.Tenant.Name), out IReadOnlyList<PortalLink>? cached)) return cached!;
        var links = await ReadAsync();
        cache.Set(KeyOf(tenant.Tenant.Name), links, TimeSpan.FromSeconds(30));
        return links;
    }

    /// <summary>A field value of another type (the field was redefined) must not take the menu, and every page, down.</summary>
    private static int OrderOf(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<decimal>(out var d) ? (int)Math.Clamp(d, 0, 100_000) : 100;

    private async Task<IReadOnlyList<PortalLink>> ReadAsync()
    {
        List<(string? DisplayText, string? Path, string Json)> pages;
        try
        {
            pages = (await db.Set<ContentItem>().AsNoTracking()
                .Where(i => i.Published && i.Path != null && i.Json.Contains("InMenu"))
                .Select(i => new { i.DisplayText, i.Path, i.Json })
                .ToListAsync()).Select(p => (p.DisplayText, p.Path, p.Json)).ToList();
        }
        catch (System.Data.Common.DbException)
        {
            return []; // the error page of a tenant whose database fails still renders
        }
        return pages
            .Select(p => (Page: p, Fields: JsonNode.Parse(p.Json)?["Fields"]))
            .Where(x => x.Fields?["InMenu"] is JsonValue v && v.TryGetValue<bool>(out var on) && on)
            .Select(x => new PortalLink(x.Page.DisplayText ?? x.Page.Path!, "/" + x.Page.Path, OrderOf(x.Fields?["MenuOrder"])))
            .Append(new PortalLink("站内搜索", "/search", 900))
            .ToList();
    }
}
