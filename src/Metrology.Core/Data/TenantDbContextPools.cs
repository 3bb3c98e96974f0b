using System.Collections.Concurrent;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Data;

/// <summary>
/// One pool of <see cref="TenantDbContext"/>s per tenant database (ADR 0020): the tenant's options are built once, and a
/// request's context is rented from the pool and handed back when its scope ends, so EF Core's internal services are not
/// resolved again for every request. A context is reset on return (EF Core's own state, and
/// <see cref="TenantDbContext"/>'s in <see cref="TenantDbContext.Dispose"/>). A tenant's pools are disposed when it is
/// deactivated (disabled, removed, features changed) and a later request builds a fresh one.
/// </summary>
public sealed class TenantDbContextPools(TenantDatabase database, TenantCaches caches, IEnumerable<IModelConfiguration> modules, IServiceProvider services)
    : IDisposable
{
    /// <summary>Contexts kept idle per tenant: above the requests a node serves at once (64 connections in the benchmark).</summary>
    public const int PoolSize = 128;

    // Keyed by tenant and connection string: a tenant whose database setting changed gets a new pool.
    private readonly ConcurrentDictionary<(string Tenant, string ConnectionString), Lazy<Pool>> _pools = new();
    private readonly IModelConfiguration[] _modules = modules.ToArray();

    /// <summary>A context of <paramref name="tenant"/>'s database; disposing it hands it back to the pool.</summary>
    public TenantDbContext Rent(TenantSettings tenant) =>
        _pools.GetOrAdd((tenant.Name, database.ConnectionString(tenant)), key => new(() => Create(tenant))).Value.Factory.CreateDbContext();

#pragma warning disable EF1001 // DbContextPool is what AddDbContextPool uses; here one per tenant, so it can be disposed with it.
    private sealed record Pool(DbContextPool<TenantDbContext> Contexts, PooledDbContextFactory<TenantDbContext> Factory);

    private Pool Create(TenantSettings tenant)
    {
        var options = new DbContextOptionsBuilder<TenantDbContext>()
            .UseApplicationServiceProvider(services)
            .AddInterceptors(TenantDbContext.AccessCommits.Instance);
        database.Configure(options, tenant);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new TenantDbContext.Tenant(tenant.Name, caches, _modules));
        var infrastructure = (IDbContextOptionsBuilderInfrastructure)options;
        infrastructure.AddOrUpdateExtension((options.Options.FindExtension<CoreOptionsExtension>() ?? new()).WithMaxPoolSize(PoolSize));
        var contexts = new DbContextPool<TenantDbContext>(options.Options);
        return new Pool(contexts, new PooledDbContextFactory<TenantDbContext>(contexts));
    }
#pragma warning restore EF1001

    /// <summary>Drops the tenant's pools: their idle contexts are disposed, and those still rented are disposed when handed back.</summary>
    public void Remove(string tenant)
    {
        foreach (var key in _pools.Keys.Where(k => string.Equals(k.Tenant, tenant, StringComparison.OrdinalIgnoreCase)))
        {
#pragma warning disable EF1001
            if (_pools.TryRemove(key, out var pool) && pool.IsValueCreated) pool.Value.Contexts.Dispose();
#pragma warning restore EF1001
        }
    }

    public void Dispose()
    {
        foreach (var key in _pools.Keys) Remove(key.Tenant);
    }
}
