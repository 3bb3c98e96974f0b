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

/// <summary>
/// The count of a module's index rows that match <paramref name="where"/>: register an instance in the module that owns
/// the table (<c>services.AddSingleton&lt;ITenantStatistic&gt;(new TenantCount&lt;FilingIndex&gt;("待审备案", f =&gt; …))</c>).
/// </summary>
public sealed class TenantCount<T>(string name, System.Linq.Expressions.Expression<Func<T, bool>> where) : ITenantStatistic where T : class
{
    public string Name => name;

    public Task<long> CountAsync(IServiceProvider tenantServices, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.TenantDbContext>(tenantServices).Set<T>(), where, ct);
}
