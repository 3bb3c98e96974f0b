using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tenants.Pages.Admin.Tenants;

/// <summary>Per tenant, the numbers its modules count, each read from the tenant's own database.</summary>
[Permission("ManageTenants")]
public sealed class DashboardModel(TenantRegistry registry, TenantScopes scopes, TenantDatabase database) : HostPageModel
{
    public sealed record Row(TenantSettings Tenant, bool Reachable, IReadOnlyDictionary<string, long> Counts);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> Columns { get; private set; } = [];
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = new List<Row>();
        foreach (var tenant in registry.All.Where(t => !t.IsDefault && t.State == TenantState.Running).OrderBy(t => t.Name))
        {
            if (!await database.CanConnectAsync(tenant, ct))
            {
                rows.Add(new Row(tenant, false, new Dictionary<string, long>()));
                continue;
            }
            var counts = new Dictionary<string, long>();
            await scopes.RunAsync(tenant, async services =>
            {
                var statistics = services.GetRequiredService<FeatureFilter>().Enabled(services.GetServices<ITenantStatistic>());
                foreach (var statistic in statistics) counts[statistic.Name] = await statistic.CountAsync(services, ct);
            });
            rows.Add(new Row(tenant, true, counts));
        }
        Rows = rows;
        Columns = rows.SelectMany(r => r.Counts.Keys).Distinct().ToList();
        ChartJson = JsonSerializer.Serialize(new
        {
            labels = rows.Select(r => r.Tenant.Name),
            series = Columns.Select(c => new { name = c, values = rows.Select(r => r.Counts.GetValueOrDefault(c)) }),
        });
    }
}
