using Metrology.Core.Tenants;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Core.Settings;

/// <summary>
/// Site settings for every page, cached per tenant. A save is seen at once on this node and, on PostgreSQL, on the
/// others (<see cref="TenantCaches"/>); otherwise other nodes see it when their cache entry expires.
/// </summary>
public sealed class SiteSettingsService(DocumentStore documents, TenantContext tenant, IMemoryCache cache, TenantCaches caches)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private string Key => "site-settings:" + tenant.Tenant.Name;

    public async Task<SiteSettings> GetAsync(CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync(Key, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            e.AddExpirationToken(caches.Token(tenant.Tenant.Name));
            return await documents.GetAsync<SiteSettings>(ct);
        }))!;

    /// <summary>
    /// For layouts: the defaults while the tenant is not set up (there is no database yet) or when its
    /// database fails, so that the error page itself can always be shown.
    /// </summary>
    public async Task<SiteSettings> GetForDisplayAsync(CancellationToken ct = default)
    {
        if (tenant.Tenant.State != TenantState.Running) return new SiteSettings();
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
        await documents.SaveAsync(settings, ct);
        cache.Remove(Key);
        // Every page shows the site's name and address.
        await caches.ChangedAsync(tenant.Tenant.Name);
    }

    public Task<SiteLogo> GetLogoAsync(CancellationToken ct = default) => documents.GetAsync<SiteLogo>(ct);

    /// <summary>Saves the logo (empty bytes remove it) and gives it a new version for the URL.</summary>
    public async Task SaveLogoAsync(SiteLogo logo, CancellationToken ct = default)
    {
        await documents.SaveAsync(logo, ct);
        var settings = await documents.GetAsync<SiteSettings>(ct);
        var version = logo.Bytes.Length == 0 ? null : Guid.NewGuid().ToString("N")[..8];
        await SaveAsync(settings with { LogoVersion = version }, ct);
    }
}
