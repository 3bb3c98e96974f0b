using Metrology.Core.Tenants;
using Quartz;

namespace Metrology.Core.Jobs;

/// <summary>Schedules the tenant's jobs in Quartz, one job key per (job, tenant): group = tenant name.</summary>
public sealed class TenantJobScheduler(ISchedulerFactory schedulers)
{
    public const string TenantKey = "tenant";
    public const string JobKey = "job";
    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    internal async Task ScheduleAsync(TenantSettings tenant, IServiceProvider tenantServices)
    {
        var scheduler = await schedulers.GetScheduler();
        var filter = (FeatureFilter)tenantServices.GetService(typeof(FeatureFilter))!;
        var jobs = (IEnumerable<ITenantJob>)tenantServices.GetService(typeof(IEnumerable<ITenantJob>))!;
        foreach (var job in filter.Enabled(jobs))
        {
            var key = new Quartz.JobKey(job.Name, tenant.Name);
            var detail = JobBuilder.Create<TenantJobRunner>()
                .WithIdentity(key)
                .UsingJobData(TenantKey, tenant.Name)
                .UsingJobData(JobKey, job.Name)
                .StoreDurably()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(job.Name, tenant.Name)
                .ForJob(key)
                .WithCronSchedule(job.Cron, c => c.InTimeZone(ChinaTime).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
            await scheduler.ScheduleJob(detail, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true });
        }
    }

    internal async Task UnscheduleAsync(TenantSettings tenant)
    {
        var scheduler = await schedulers.GetScheduler();
        var keys = await scheduler.GetJobKeys(GroupMatcher<Quartz.JobKey>.GroupEquals(tenant.Name));
        await scheduler.DeleteJobs(keys.ToList());
    }

    /// <summary>Runs a tenant's job now (an administrator's "run now", and tests).</summary>
    public async Task TriggerAsync(TenantSettings tenant, string jobName)
    {
        var scheduler = await schedulers.GetScheduler();
        await scheduler.TriggerJob(new Quartz.JobKey(jobName, tenant.Name));
    }
}

[DisallowConcurrentExecution]
internal sealed class TenantJobRunner(TenantRegistry registry, TenantScopes scopes, Microsoft.Extensions.Logging.ILogger<TenantJobRunner> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var tenant = registry.Find(context.MergedJobDataMap.GetString(TenantJobScheduler.TenantKey)!);
        if (tenant is not { State: TenantState.Running }) return;
        var name = context.MergedJobDataMap.GetString(TenantJobScheduler.JobKey);
        await using var scope = scopes.Create(tenant);
        var jobs = (IEnumerable<ITenantJob>)scope.ServiceProvider.GetService(typeof(IEnumerable<ITenantJob>))!;
        var job = jobs.FirstOrDefault(j => j.Name == name);
        if (job is null) return;
        using var _ = Microsoft.Extensions.Logging.LoggerExtensions.BeginScope(log, "Tenant {Tenant}", tenant.Name);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            await job.ExecuteAsync(scope.ServiceProvider, ct);
            succeeded = true;
        }
        finally
        {
            Diagnostics.MetrologyMetrics.JobRan(job.Name, succeeded, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}
