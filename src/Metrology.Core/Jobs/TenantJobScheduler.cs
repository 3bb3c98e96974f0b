using Metrology.Core.Tenants;
using Quartz;

namespace Metrology.Core.Jobs;

/// <summary>
/// Schedules the tenant's jobs in Quartz, one job key per (job, tenant): group = tenant name. A job's schedule may be
/// replaced by configuration (<see cref="MetrologyOptions.JobSchedules"/>).
/// </summary>
public sealed class TenantJobScheduler(ISchedulerFactory schedulers, Microsoft.Extensions.Options.IOptions<MetrologyOptions> options,
    Microsoft.Extensions.Logging.ILogger<TenantJobScheduler> log)
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
                .WithCronSchedule(CronOf(job), c => c.InTimeZone(ChinaTime).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                .Build();
            await scheduler.ScheduleJob(detail, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true });
        }
    }

    /// <summary>The configured schedule of the job, else its own (a configured one that is not a valid cron is logged and ignored).</summary>
    internal string CronOf(ITenantJob job)
    {
        if (!options.Value.JobSchedules.TryGetValue(job.Name, out var cron) || string.IsNullOrWhiteSpace(cron)) return job.Cron;
        try
        {
            _ = new CronExpression(cron);
            return cron;
        }
        catch (FormatException)
        {
        }
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(log, "Metrology:JobSchedules:{Job} \"{Cron}\" is not a valid cron expression: the job keeps {Own}", job.Name, cron, job.Cron);
        return job.Cron;
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
internal sealed class TenantJobRunner(TenantJobs jobs) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await jobs.RunAsync(context.MergedJobDataMap.GetString(TenantJobScheduler.TenantKey)!, context.MergedJobDataMap.GetString(TenantJobScheduler.JobKey)!, ct);
}

/// <summary>
/// Runs one tenant job in this process, in a scope bound to the tenant, with the tenant as logging scope and the job's
/// metrics: for Quartz's trigger, and for the management port's <c>POST /jobs/{tenant}/{job}</c> (which bypasses Quartz, so
/// it runs here even when another node runs the same job: the jobs' claims make that harmless).
/// </summary>
public sealed class TenantJobs(TenantRegistry registry, TenantScopes scopes, Microsoft.Extensions.Logging.ILogger<TenantJobs> log)
{
    /// <summary>False when the tenant is not running or has no such job enabled.</summary>
    public async Task<bool> RunAsync(string tenantName, string jobName, CancellationToken ct)
    {
        var tenant = registry.Find(tenantName);
        if (tenant is not { State: TenantState.Running }) return false;
        await using var scope = scopes.Create(tenant);
        var filter = scope.ServiceProvider.GetService(typeof(FeatureFilter)) as FeatureFilter;
        var all = (IEnumerable<ITenantJob>)scope.ServiceProvider.GetService(typeof(IEnumerable<ITenantJob>))!;
        var job = (filter is null ? all : filter.Enabled(all)).FirstOrDefault(j => j.Name == jobName);
        if (job is null) return false;
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
        return true;
    }
}
