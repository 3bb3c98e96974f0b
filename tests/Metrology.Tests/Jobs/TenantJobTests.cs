using Metrology.Core.Jobs;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Jobs;

/// <summary>A job the test host registers: it records, in the tenant's own database, which tenant it ran for.</summary>
public sealed class ProbeJob : ITenantJob
{
    public string Name => "probe";

    public string Cron => "0 0 3 1 1 ?";

    public async Task ExecuteAsync(IServiceProvider services, CancellationToken ct)
    {
        var tenant = services.GetRequiredService<TenantContext>().Tenant.Name;
        await services.GetRequiredService<DocumentStore>().SaveAsync(new ProbeRun { Tenant = tenant }, ct);
    }
}

public sealed class ProbeRun
{
    public string? Tenant { get; set; }
}

public sealed class TenantJobTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task A_tenant_job_runs_in_its_tenants_scope_and_database(string provider)
    {
        var site = provider == "Postgres" ? postgres : sqlite;
        var a = await site.CreateTenantAsync("JobA");
        var b = await site.CreateTenantAsync("JobB");

        await site.Services.GetRequiredService<TenantJobScheduler>().TriggerAsync(a, "probe");

        var ran = await WaitForAsync(site, a, run => run.Tenant is not null);
        Assert.Equal(a.Name, ran.Tenant);
        var inB = await ReadAsync(site, b);
        Assert.Null(inB.Tenant);
    }

    private static async Task<ProbeRun> WaitForAsync(SiteFactory site, TenantSettings tenant, Func<ProbeRun, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var run = await ReadAsync(site, tenant);
            if (done(run)) return run;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return await ReadAsync(site, tenant);
    }

    private static async Task<ProbeRun> ReadAsync(SiteFactory site, TenantSettings tenant)
    {
        ProbeRun run = new();
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => run = await s.GetRequiredService<DocumentStore>().GetAsync<ProbeRun>());
        return run;
    }
}
