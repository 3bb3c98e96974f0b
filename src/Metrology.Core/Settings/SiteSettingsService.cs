using Metrology.Core.Tenants;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Settings;

/// <summary>
/// Site settings for every page, cached per tenant. A save is seen at once on this node and, on PostgreSQL, on the
/// others (<see cref="TenantCaches"/>); otherwise other nodes see it when their cache entry expires.
/// The document store (and its database context) is created only when the cache misses or on a save: every page
/// injects this service, and creating a context per request was a measurable share of a page (docs/performance.md).
/// </summary>
public sealed class SiteSettingsService(IServiceProvider services, TenantContext tenant, IMemoryCache cache, TenantCaches caches)
{
    private DocumentStore Documents => services.GetRequiredService<DocumentStore>();

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private string? _key;
    private string Key => _key ??= "site-settings:" + tenant.Tenant.Name;

    public async Task<SiteSettings> GetAsync(CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync(Key, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            e.AddExpirationToken(caches.Token(tenant.Tenant.Name));
            return await Documents.GetAsync<SiteSettings>(ct);
        }))!;

    /// <summary>
    /// For layouts: the defaults while the tenant is not set up (there is no database yet) or when its
    /// database fails, so that the error page itself can always be shown.
    /// </summary>
    public ValueTask<SiteSettings> GetForDisplayAsync(CancellationToken ct = default)
    {
        if (tenant.Tenant.State != TenantState.Running) return new(new SiteSettings());
        // Nearly always cached: answered without a task, as the layout and the home page each ask on every request.
        return cache.TryGetValue(Key, out SiteSettings? cached) ? new(cached!) : new(ReadForDisplayAsync(ct));
    }

    private async Task<SiteSettings> ReadForDisplayAsync(CancellationToken ct)
    {
        try
        {
            return await GetAsync(ct);
        }
        catch (System.Data.Common.DbException)
        {
            return new SiteSettings();
        }
    }

    public async Task SaveAsync(SiteSettings settings, CancellationToken ct = default)
    {
        await Documents.SaveAsync(settings, ct);
        cache.Remove(Key);
        // Every page shows the site's name and address.
        await caches.ChangedAsync(tenant.Tenant.Name);
    }

    public Task<SiteLogo> GetLogoAsync(CancellationToken ct = default) => Documents.GetAsync<SiteLogo>(ct);

    /// <summary>Saves the logo (empty bytes remove it) and gives it a new version for the URL.</summary>
    public async Task SaveLogoAsync(SiteLogo logo, CancellationToken ct = default)
    {
        await Documents.SaveAsync(logo, ct);
        var settings = await Documents.GetAsync<SiteSettings>(ct);
        var version = logo.Bytes.Length == 0 ? null : Guid.NewGuid().ToString("N")[..8];
        await SaveAsync(settings with { LogoVersion = version }, ct);
    }
}
