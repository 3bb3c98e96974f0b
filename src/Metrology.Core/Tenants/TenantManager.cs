using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Tenants;

/// <summary>Creates, enables, disables and removes tenants in the registry (the host database).</summary>
public sealed class TenantManager(
    TenantRegistry registry, TenantDatabase database, TenantActivator activator, TenantCaches caches, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Adds an Uninitialized tenant; throws <see cref="TenantValidationException"/> when a rule is broken.</summary>
    public async Task<TenantSettings> CreateAsync(TenantSettings tenant, CancellationToken ct = default)
    {
        var errors = TenantValidator.Validate(tenant, registry.All).ToList();
        if (registry.Find(tenant.Name) is not null) errors.Insert(0, ("Name", $"租户 “{tenant.Name}” 已存在。"));
        if (errors.Count > 0) throw new TenantValidationException(errors);
        tenant.State = TenantState.Uninitialized;
        tenant.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        await SaveAsync(tenant, ct);
        return tenant;
    }

    /// <summary>
    /// Changes a tenant's description, host names, prefix and features (and its database while it is
    /// Uninitialized). A running tenant is activated again, so newly enabled features get their tables.
    /// </summary>
    public async Task UpdateAsync(TenantSettings changed, CancellationToken ct = default)
    {
        await registry.ReloadAsync(ct);
        var current = Require(changed.Name);
        var errors = TenantValidator.Validate(changed, registry.All).ToList();
        if (errors.Count > 0) throw new TenantValidationException(errors);
        var updated = current.Clone();
        updated.Description = changed.Description;
        updated.RequestUrlPrefix = changed.RequestUrlPrefix;
        updated.RequestUrlHosts = changed.RequestUrlHosts;
        updated.Features = changed.Features;
        if (current.State == TenantState.Uninitialized)
        {
            updated.DatabaseProvider = changed.DatabaseProvider;
            updated.ConnectionString = changed.ConnectionString;
            updated.Schema = changed.Schema;
        }
        await SaveAsync(updated, ct);
        if (updated.State == TenantState.Running)
        {
            await activator.DeactivateAsync(updated);
            await activator.EnsureActivatedAsync(registry.Find(updated.Name)!);
        }
    }

    public Task EnableAsync(string name, CancellationToken ct = default) => SetStateAsync(name, TenantState.Running, ct);

    public Task DisableAsync(string name, CancellationToken ct = default) => SetStateAsync(name, TenantState.Disabled, ct);

    /// <summary>Removes a disabled or uninitialized tenant with its database and files.</summary>
    public async Task RemoveAsync(string name, CancellationToken ct = default)
    {
        var tenant = Require(name);
        if (tenant.IsDefault) throw new TenantValidationException([("Name", "不能删除默认租户。")]);
        if (tenant.State == TenantState.Running)
            throw new TenantValidationException([("Name", "运行中的租户不能删除，请先停用。")]);
        await activator.DeactivateAsync(tenant);
        await database.DeleteAsync(tenant, ct);
        await using var scope = scopes.CreateAsyncScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await host.Tenants.Where(t => t.Name == tenant.Name).ExecuteDeleteAsync(ct);
        await registry.ReloadAsync(ct);
        await caches.NotifyAsync(TenantCaches.Registry);
    }

    /// <summary>Writes a tenant's row (insert or update) and reloads the registry.</summary>
    public async Task SaveAsync(TenantSettings tenant, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var row = await host.Tenants.FirstOrDefaultAsync(t => t.Name == tenant.Name, ct);
        if (row is null) host.Tenants.Add(tenant.Clone());
        else host.Entry(row).CurrentValues.SetValues(tenant);
        await host.SaveChangesAsync(ct);
        await registry.ReloadAsync(ct);
        await caches.NotifyAsync(TenantCaches.Registry);
    }

    private async Task SetStateAsync(string name, TenantState state, CancellationToken ct)
    {
        var tenant = Require(name).Clone();
        if (tenant.State == TenantState.Uninitialized)
            throw new TenantValidationException([("Name", "租户尚未初始化。")]);
        if (tenant.IsDefault && state == TenantState.Disabled)
            throw new TenantValidationException([("Name", "不能停用默认租户。")]);
        // Only the state is written: another node's recent change to the other columns is kept.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            await host.Tenants.Where(t => t.Name == tenant.Name).ExecuteUpdateAsync(u => u.SetProperty(t => t.State, state), ct);
        }
        await registry.ReloadAsync(ct);
        if (state == TenantState.Disabled) await activator.DeactivateAsync(tenant);
        await caches.NotifyAsync(TenantCaches.Registry);
    }

    private TenantSettings Require(string name) =>
        registry.Find(name) ?? throw new TenantValidationException([("Name", $"租户 “{name}” 不存在。")]);
}

public sealed class TenantValidationException(IReadOnlyList<(string Field, string Message)> errors)
    : Exception(string.Join("；", errors.Select(e => e.Message)))
{
    public IReadOnlyList<(string Field, string Message)> Errors { get; } = errors;
}
