using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Metrology.Core.Health;

/// <summary>Healthy when every running tenant's database answers.</summary>
internal sealed class TenantDatabasesHealthCheck(TenantRegistry registry, TenantDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var failed = new List<string>();
        var running = registry.All.Where(t => t.State == TenantState.Running).ToList();
        foreach (var tenant in running)
        {
            if (!await database.CanConnectAsync(tenant, ct)) failed.Add(tenant.Name);
        }
        return failed.Count == 0
            ? HealthCheckResult.Healthy($"{running.Count} running tenant(s)")
            : HealthCheckResult.Unhealthy("unreachable: " + string.Join(", ", failed));
    }
}
