using Metrology.Core.Tenants;
using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Core.Security;

/// <summary>
/// An entity whose change changes what a signed-in account may see or do beyond its roles (an enterprise: whether it is
/// active, its name and departments; a staff member's institution): saving one empties the tenant's <see cref="UserAccessCache"/>, as a user or role does.
/// </summary>
public interface IAccessRecord;

/// <summary>
/// What every page of a signed-in user reads about that user, kept per node, tenant and user for
/// <see cref="CacheFor"/> at most: the permissions (<see cref="PermissionService"/>), the enterprise the account acts
/// for (<c>IEnterpriseDirectory.CurrentAsync</c>) and a staff member's institution (<c>IReferenceData.InstitutionOfAsync</c>). A committed save of a user, a role, a user's roles, a role's
/// permissions or an <see cref="IAccessRecord"/> empties the tenant's entries here at once and on the other nodes
/// through <see cref="TenantCaches"/> (<see cref="Data.TenantDbContext"/> does it), so a change shows on the next request.
/// </summary>
public sealed class UserAccessCache(IMemoryCache cache, TenantCaches caches)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<T> GetOrCreateAsync<T>(string tenant, string kind, string userId, Func<Task<T>> read)
    {
        var key = $"access:{kind}:{tenant}:{userId}";
        if (cache.TryGetValue(key, out T? value)) return value!;
        // The token is taken before the read: a change committed while reading has already cancelled it, so what was
        // read then is dropped at once instead of kept for the whole interval.
        var token = caches.AccessToken(tenant);
        value = await read();
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = CacheFor;
        entry.AddExpirationToken(token);
        return value;
    }
}
