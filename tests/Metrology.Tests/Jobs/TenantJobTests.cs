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

public sealed class TenantJobTests(SiteFactory site)
{
    [Fact]
    public async Task A_tenant_job_runs_in_its_tenants_scope_and_database()
    {
        var a = await site.CreateTenantAsync("JobA");
        var b = await site.CreateTenantAsync("JobB");
        using (var browser = site.Browser()) await browser.GetAsync($"/{a.RequestUrlPrefix}/"); // activates A: its jobs are scheduled

        await site.Services.GetRequiredService<TenantJobScheduler>().TriggerAsync(a, "probe");

        var ran = await WaitForAsync(a, run => run.Tenant is not null);
        Assert.Equal(a.Name, ran.Tenant);
        var inB = await ReadAsync(b);
        Assert.Null(inB.Tenant);
    }

    private async Task<ProbeRun> WaitForAsync(TenantSettings tenant, Func<ProbeRun, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var run = await ReadAsync(tenant);
            if (done(run)) return run;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        return await ReadAsync(tenant);
    }

    private async Task<ProbeRun> ReadAsync(TenantSettings tenant)
    {
        ProbeRun run = new();
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => run = await s.GetRequiredService<DocumentStore>().GetAsync<ProbeRun>());
        return run;
    }
}
