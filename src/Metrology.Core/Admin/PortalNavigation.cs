using System.Security.Claims;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Admin;

/// <summary>
/// The portal's top navigation for the current visitor: the enabled features' <see cref="IPortalLinks"/>, by position.
/// An anonymous visitor's links are the same for every anonymous visitor of a tenant, so they are kept per tenant and
/// feature set until the tenant's caches are emptied (<see cref="TenantCaches"/>: a publish, a settings or content
/// definition save, a tenant change) or 30 s; on a hit no provider (nor its database context) is even created.
/// A signed-in visitor's links depend on the account (its permissions and enterprise, which <see cref="Security.UserAccessCache"/>
/// keeps) and on the tenant's pages: they are kept per tenant, feature set and user as long as those are
/// (<see cref="Security.UserAccessCache.CacheFor"/>, dropped with the tenant's access entries, which every change of the
/// tenant's caches drops too), so the providers are not created on every page.
/// </summary>
public sealed class PortalNavigation(IServiceProvider services, IHttpContextAccessor http, TenantContext tenant, IMemoryCache cache, TenantCaches caches)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<PortalLink>> LinksAsync()
    {
        if (!tenant.HasTenant || tenant.Tenant.State != TenantState.Running) return await ReadAsync();
        var user = http.HttpContext?.User is { Identity.IsAuthenticated: true } u ? u.FindFirstValue(ClaimTypes.NameIdentifier) ?? "" : null;
        // The feature set is one shared instance per distinct setting (ModuleCatalog.EnabledBy): a change of features is another key.
        var key = (nameof(PortalNavigation), tenant.Tenant.Name, tenant.Features, user);
        if (cache.TryGetValue(key, out IReadOnlyList<PortalLink>? cached)) return cached!;
        // Taken before reading: a change while reading drops what is read.
        var token = user is null ? caches.Token(tenant.Tenant.Name) : caches.AccessToken(tenant.Tenant.Name);
        var links = await ReadAsync();
        cache.Set(key, links, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = user is null ? CacheFor : Security.UserAccessCache.CacheFor }
            .AddExpirationToken(token));
        return links;
    }

    private async Task<IReadOnlyList<PortalLink>> ReadAsync()
    {
        var links = new List<PortalLink>();
        var providers = services.GetServices<IPortalLinks>();
        foreach (var provider in services.GetRequiredService<FeatureFilter>().Enabled(providers)) links.AddRange(await provider.LinksAsync());
        return links.OrderBy(l => l.Position).ToList();
    }
}
