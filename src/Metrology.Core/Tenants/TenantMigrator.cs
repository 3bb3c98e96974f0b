using System.Collections.Frozen;
using Metrology.Core.Data;
using Metrology.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Tenants;

/// <summary>Brings a tenant's schema up to date for its enabled features, in dependency order.</summary>
public sealed class TenantMigrator(TenantDbContext db, TenantContext tenant, ModuleCatalog catalog, IEnumerable<DataMigration> migrations, MigrationRunner runner)
{
    public Task<int> MigrateAsync(CancellationToken ct = default)
    {
        var order = catalog.Features.Select((f, i) => (f.FeatureId, i)).ToDictionary(x => x.FeatureId, x => x.i);
        var enabled = migrations
            .Select(m => (Migration: m, Feature: catalog.FeatureOf(m.GetType())))
            .Where(x => tenant.IsEnabled(x.Feature))
            .OrderBy(x => x.Feature is null ? -1 : order.GetValueOrDefault(x.Feature))
            .Select(x => x.Migration);
        return runner.RunAsync(db, enabled, ct);
    }
}

/// <summary>Runs each running tenant's pending migrations and schedules its jobs, once per process.</summary>
public sealed class TenantActivator(TenantScopes scopes, Jobs.TenantJobScheduler jobs, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore pages,
    TenantDbContextPools contexts)
{
    private readonly Dictionary<string, Task> _activations = new(StringComparer.OrdinalIgnoreCase);

    // Read without the lock by every request once activated (the lock was a contention point under load); written under it.
    private volatile System.Collections.Frozen.FrozenSet<string> _active = System.Collections.Frozen.FrozenSet<string>.Empty;

    public Task EnsureActivatedAsync(TenantSettings tenant)
    {
        if (_active.Contains(tenant.Name)) return Task.CompletedTask;
        lock (_activations)
        {
            if (!_activations.TryGetValue(tenant.Name, out var task) || task.IsFaulted)
                _activations[tenant.Name] = task = ActivateAsync(tenant);
            return task;
        }
    }

    /// <summary>Forgets an activation (the tenant was disabled, removed, or its features changed).</summary>
    public async Task DeactivateAsync(TenantSettings tenant)
    {
        lock (_activations)
        {
            _activations.Remove(tenant.Name);
            _active = _active.Where(n => !string.Equals(n, tenant.Name, StringComparison.OrdinalIgnoreCase)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        }
        await jobs.UnscheduleAsync(tenant);
        // Its database may be removed or set anew; a later request builds a new pool.
        contexts.Remove(tenant.Name);
        // Its pages may show other features, another name or address now.
        await Web.AnonymousPageCache.EvictAsync(pages, tenant.Name);
    }

    private async Task ActivateAsync(TenantSettings tenant)
    {
        await using (var scope = scopes.Create(tenant))
        {
            await scope.ServiceProvider.GetRequiredService<TenantMigrator>().MigrateAsync();
            await jobs.ScheduleAsync(tenant, scope.ServiceProvider);
        }
        lock (_activations)
        {
            // Only if not deactivated meanwhile.
            if (_activations.TryGetValue(tenant.Name, out var current) && !current.IsFaulted)
                _active = _active.Append(tenant.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        }
    }
}
