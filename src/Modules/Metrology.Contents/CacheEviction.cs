using Metrology.Core.Content;
using Metrology.Core.Tenants;
using Metrology.Core.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Contents;

/// <summary>
/// A publish, unpublish or removal evicts the tenant's cached pages (the navigation may change too) once
/// committed, so that no request in between caches the old page again; on every node (<see cref="TenantCaches"/>).
/// </summary>
public sealed class CacheEviction(TenantCaches caches, IMemoryCache memory, TenantContext tenant) : IContentHandler
{
    public Task CommittedAsync(ContentContext context) => EvictAsync();

    public async Task EvictAsync()
    {
        memory.Remove(PageLinks.KeyOf(tenant.Tenant.Name));
        await caches.ChangedAsync(tenant.Tenant.Name);
    }
}
