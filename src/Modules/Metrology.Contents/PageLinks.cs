using System.Text.Json.Nodes;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Contents;

/// <summary>
/// Published pages whose "InMenu" field is set appear in the portal's navigation, in "MenuOrder".
/// A tenant that has not set its content up yet (no database) has none.
/// </summary>
internal sealed class PageLinks(TenantDbContext db, TenantContext tenant) : IPortalLinks
{
    public const string PageType = "Page";

    public async Task<IEnumerable<PortalLink>> LinksAsync()
    {
        if (tenant.Tenant.State != TenantState.Running) return [];
        List<(string? DisplayText, string? Path, string Json)> pages;
        try
        {
            pages = (await db.Set<ContentItem>().AsNoTracking()
                .Where(i => i.ContentType == PageType && i.Published && i.Path != null)
                .Select(i => new { i.DisplayText, i.Path, i.Json })
                .ToListAsync()).Select(p => (p.DisplayText, p.Path, p.Json)).ToList();
        }
        catch (System.Data.Common.DbException)
        {
            return []; // the error page of a tenant whose database fails still renders
        }
        return pages
            .Select(p => (Page: p, Fields: JsonNode.Parse(p.Json)?["Fields"]))
            .Where(x => x.Fields?["InMenu"]?.GetValue<bool>() == true)
            .Select(x => new PortalLink(x.Page.DisplayText ?? x.Page.Path!, "/" + x.Page.Path, (int)(x.Fields?["MenuOrder"]?.GetValue<decimal>() ?? 100)))
            .Append(new PortalLink("站内搜索", "/search", 900))
            .ToList();
    }
}
