using System.Text.Json.Nodes;
using Metrology.Core.Data;
using Metrology.Core.Jobs;
using Metrology.Core.Settings;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Workflows.Jobs;

/// <summary>
/// Fires due timers every minute. Each due row is claimed with a conditional UPDATE or DELETE on its due
/// time, so a timer fires once even if two runs (or two nodes) see it; Quartz's clustered store already
/// runs the job on one node on PostgreSQL.
/// </summary>
public sealed class WorkflowTimers(TenantDbContext db, WorkflowManager workflows)
{
    public async Task<int> RunDueAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var due = await db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.DueUtc <= nowUtc).OrderBy(t => t.DueUtc).Take(200).ToListAsync(ct);
        var fired = 0;
        foreach (var timer in due)
        {
            var input = new JsonObject { ["FiredUtc"] = nowUtc.ToString("O") };
            if (timer.InstanceId is { } instanceId)
            {
                if (await db.Set<WorkflowTimer>().Where(t => t.Id == timer.Id).ExecuteDeleteAsync(ct) != 1) continue;
                if (await workflows.ResumeAsync(instanceId, timer.ActivityId, input, null, ct)) fired++;
                continue;
            }
            // A start timer moves to its next time after now: times missed while the site was down are not caught up.
            var next = TimerEvent.Next(timer.Cron, nowUtc);
            var claim = db.Set<WorkflowTimer>().Where(t => t.Id == timer.Id && t.DueUtc == timer.DueUtc);
            var claimed = next is { } n
                ? await claim.ExecuteUpdateAsync(s => s.SetProperty(t => t.DueUtc, n), ct)
                : await claim.ExecuteDeleteAsync(ct);
            if (claimed != 1) continue;
            if (await workflows.StartAsync(timer.WorkflowTypeId, timer.TypeVersionId, timer.ActivityId, input, null, ct)) fired++;
        }
        return fired;
    }
}

internal sealed class TimerJob : ITenantJob
{
    public string Name => "workflow-timers";

    public string Cron => "0 * * * * ?";

    public Task ExecuteAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<WorkflowTimers>().RunDueAsync(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
}

/// <summary>
/// Removes finished and aborted instances (with their log) older than the retention setting, then the
/// versions of types that are neither current nor used by any instance.
/// </summary>
public sealed class WorkflowRetention(TenantDbContext db, DocumentStore documents)
{
    public async Task<int> TrimAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        var settings = await documents.GetAsync<WorkflowSettings>(ct);
        var cutoff = nowUtc.AddDays(-Math.Max(1, settings.RetentionDays));
        var removed = 0;
        while (true)
        {
            var ids = await db.Set<WorkflowInstance>()
                .Where(i => (i.Status == WorkflowStatus.Finished || i.Status == WorkflowStatus.Aborted) && i.FinishedUtc < cutoff)
                .OrderBy(i => i.Id).Select(i => i.Id).Take(500).ToListAsync(ct);
            if (ids.Count == 0)
            {
                await db.Set<WorkflowTypeVersion>()
                    .Where(v => !db.Set<WorkflowType>().Any(t => t.CurrentVersionId == v.Id) && !db.Set<WorkflowInstance>().Any(i => i.TypeVersionId == v.Id))
                    .ExecuteDeleteAsync(ct);
                return removed;
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<WorkflowLogEntry>().Where(l => ids.Contains(l.InstanceId)).ExecuteDeleteAsync(ct);
            await db.Set<WorkflowBlock>().Where(b => ids.Contains(b.InstanceId)).ExecuteDeleteAsync(ct);
            await db.Set<WorkflowTimer>().Where(t => t.InstanceId != null && ids.Contains(t.InstanceId.Value)).ExecuteDeleteAsync(ct);
            removed += await db.Set<WorkflowInstance>().Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
    }
}

internal sealed class RetentionJob : ITenantJob
{
    public string Name => "workflow-retention";

    public string Cron => "0 30 3 * * ?";

    public Task ExecuteAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<WorkflowRetention>().TrimAsync(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
}
