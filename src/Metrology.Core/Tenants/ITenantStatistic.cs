namespace Metrology.Core.Tenants;

/// <summary>
/// A number that matters about a tenant (users, enterprises, instruments, pending reviews), read from
/// the tenant's own database for the host's dashboard. Modules add the ones they own.
/// </summary>
public interface ITenantStatistic
{
    string Name { get; }

    /// <summary>Reads the number with services bound to the tenant.</summary>
    Task<long> CountAsync(IServiceProvider tenantServices, CancellationToken ct);
}
