using Metrology.Core.Setup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Metrology.Core.Tenants;

/// <summary>
/// Reads the registry every 30 seconds, so that a tenant created, disabled or removed through another
/// web node is served (or refused) here too; a tenant that is no longer running is deactivated. On PostgreSQL the
/// other node also says so at once (<see cref="TenantChangeListener"/>); this is the fallback.
/// </summary>
internal sealed class RegistryRefresh(TenantRegistry registry, HostStartup startup, TenantActivator activator, TimeProvider clock, ILogger<RegistryRefresh> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await startup.Ready.WaitAsync(ct);
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await RefreshAsync(registry, activator, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Reading the tenant registry failed; trying again in {Interval}", Interval);
            }
        }
    }

    /// <summary>Reads the registry again and deactivates the tenants that no longer run.</summary>
    internal static async Task RefreshAsync(TenantRegistry registry, TenantActivator activator, CancellationToken ct)
    {
        var before = registry.All.Where(t => t.State == TenantState.Running).ToList();
        await registry.ReloadAsync(ct);
        foreach (var gone in before.Where(t => registry.Find(t.Name) is not { State: TenantState.Running }))
            await activator.DeactivateAsync(gone);
    }
}
