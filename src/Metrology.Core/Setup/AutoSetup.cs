using Metrology.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Setup;

/// <summary>
/// At start: reads the registry, and when auto-setup is on, sets up Default and then each configured
/// tenant that is not set up yet. Requests wait for this to finish (<see cref="Ready"/>).
/// </summary>
public sealed class HostStartup(
    TenantRegistry registry, TenantManager manager, TenantSetup setup, IOptions<MetrologyOptions> options,
    IServiceScopeFactory scopes, Data.MigrationRunner runner, TenantActivator activator, ILogger<HostStartup> log)
    : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await registry.ReloadAsync(ct);
            if (registry.Default.State != TenantState.Uninitialized) await MigrateHostAsync(ct);
            var auto = options.Value.AutoSetup;
            if (auto.Enabled) await AutoSetupAsync(auto, ct);
            await ActivateAllAsync();
            _ready.TrySetResult();
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Every running tenant migrates and schedules its jobs now, not on its first request.</summary>
    private async Task ActivateAllAsync()
    {
        foreach (var tenant in registry.All.Where(t => t.State == TenantState.Running))
        {
            try
            {
                await activator.EnsureActivatedAsync(tenant);
            }
            catch (Exception e)
            {
                // One broken tenant must not keep the others down; its requests retry the activation.
                log.LogError(e, "Activating tenant {Tenant} failed", tenant.Name);
            }
        }
    }

    /// <summary>Steps added to the host's tables since the last start.</summary>
    private async Task MigrateHostAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await runner.RunAsync(scope.ServiceProvider.GetRequiredService<Data.HostDbContext>(), [new Data.Migrations.HostMigrations()], ct);
    }

    private async Task AutoSetupAsync(AutoSetupOptions auto, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(auto.AdminPassword))
            throw new InvalidOperationException("自动初始化需要管理员密码（Metrology:AutoSetup:AdminPassword 或环境变量 METROLOGY_ADMIN_PASSWORD）。");
        var ordered = auto.Tenants.OrderBy(t => string.Equals(t.Name, TenantSettings.DefaultName, StringComparison.OrdinalIgnoreCase) ? 0 : 1);
        foreach (var t in ordered)
        {
            var existing = registry.Find(t.Name);
            if (existing is { State: not TenantState.Uninitialized }) continue;
            var tenant = existing ?? (t.Name.Equals(TenantSettings.DefaultName, StringComparison.OrdinalIgnoreCase)
                ? registry.Default
                : await manager.CreateAsync(NewTenant(t, registry.Default), ct));
            var result = await setup.SetupAsync(tenant,
                new SetupRequest(t.SiteName, t.Recipe, t.AdminUserName, t.AdminEmail, auto.AdminPassword), ct: ct);
            if (!result.Succeeded) throw new InvalidOperationException($"自动初始化租户 {t.Name} 失败：{result.Error}");
            log.LogInformation("Tenant {Tenant} set up from recipe {Recipe}", t.Name, t.Recipe);
        }
    }

    private static TenantSettings NewTenant(AutoSetupTenant t, TenantSettings host) => new()
    {
        Name = t.Name,
        RequestUrlPrefix = t.Prefix,
        RequestUrlHosts = t.Hosts,
        DatabaseProvider = host.DatabaseProvider,
        ConnectionString = host.ConnectionString,
    };
}
