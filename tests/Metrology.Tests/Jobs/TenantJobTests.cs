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

    [Fact]
    public async Task A_job_run_here_at_once_runs_in_its_tenant_and_an_unknown_tenant_or_job_is_refused()
    {
        var a = await sqlite.CreateTenantAsync("JobNowA");
        var b = await sqlite.CreateTenantAsync("JobNowB");
        var jobs = sqlite.Services.GetRequiredService<TenantJobs>();

        Assert.True(await jobs.RunAsync(a.Name, "probe", TestContext.Current.CancellationToken));
        Assert.Equal(a.Name, (await ReadAsync(sqlite, a)).Tenant);
        Assert.Null((await ReadAsync(sqlite, b)).Tenant);
        Assert.False(await jobs.RunAsync(a.Name, "no-such-job", TestContext.Current.CancellationToken));
        Assert.False(await jobs.RunAsync("NoSuchTenant", "probe", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_configured_schedule_replaces_the_jobs_own_and_a_bad_one_is_ignored()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new Metrology.Core.MetrologyOptions
        {
            JobSchedules = { ["probe"] = "0/5 * * * * ?", ["other"] = "0 0 1 * * ?" },
        });
        var scheduler = new TenantJobScheduler(null!, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<TenantJobScheduler>.Instance);
        Assert.Equal("0/5 * * * * ?", scheduler.CronOf(new ProbeJob()));

        options.Value.JobSchedules["probe"] = "every five seconds";
        Assert.Equal(new ProbeJob().Cron, scheduler.CronOf(new ProbeJob()));
        options.Value.JobSchedules.Clear();
        Assert.Equal(new ProbeJob().Cron, scheduler.CronOf(new ProbeJob()));
    }

    [Theory]
    [InlineData(null, "http://localhost:9464")]
    [InlineData("", "http://localhost:9464")]
    [InlineData("*", "http://*:9464")]
    [InlineData("10.0.0.5", "http://10.0.0.5:9464")]
    [InlineData("::1", "http://[::1]:9464")]
    public void The_management_port_listens_on_localhost_unless_an_address_is_set(string? address, string url) =>
        Assert.Equal(url, ManagementJobs.Url(address, 9464));

    [Theory]
    [InlineData(null, "127.0.0.1", null, true)]
    [InlineData(null, "::1", null, true)]
    [InlineData(null, "10.0.0.7", null, false)] // bound to * without a token: nobody from elsewhere
    [InlineData("s3cret-token", "10.0.0.7", "Bearer s3cret-token", true)]
    [InlineData("s3cret-token", "10.0.0.7", "bearer s3cret-token", true)]
    [InlineData("s3cret-token", "10.0.0.7", "Bearer s3cret-tokeN", false)]
    [InlineData("s3cret-token", "10.0.0.7", "Bearer s3cret", false)]
    [InlineData("s3cret-token", "127.0.0.1", null, false)] // with a token, loopback needs it too
    [InlineData("s3cret-token", "10.0.0.7", "s3cret-token", false)]
    public void Jobs_run_for_the_token_or_from_this_machine_only(string? token, string remote, string? authorization, bool allowed)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        Assert.Equal(allowed, ManagementJobs.MayRun(context, token));
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
