using System.Text.Json.Nodes;
using Metrology.Core.Data;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Metrology.Workflows.Engine;

/// <summary>
/// Runs one instance, in a scope of its own: under the instance's lease and in one transaction, so a
/// step and everything it wrote (state, log, blocks, messages) commit together.
/// </summary>
internal sealed class WorkflowRunner(TenantDbContext db, WorkflowActivities activities, WorkflowTemplates templates,
    IServiceProvider services, TimeProvider clock, ILogger<WorkflowRunner> log)
{
    /// <summary>Activities one run may execute: a loop in a graph stops here and faults the instance.</summary>
    public const int MaxSteps = 200;

    private readonly string _owner = Guid.NewGuid().ToString("N");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<WorkflowInstance?> StartAsync(string typeId, int versionId, string activityId, JsonObject input, string? correlationId, CancellationToken ct)
    {
        var type = await db.Set<WorkflowType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId, ct);
        var version = await db.Set<WorkflowTypeVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (type is null || version is null || !type.Enabled) return null;
        var definition = WorkflowDefinition.Parse(version.Json);
        if (definition.Find(activityId) is not { } start || activities.Find(start.Type) is not { } kind) return null;
        if (!kind.MatchesOf(start, input)) return null;
        var now = Now;
        var instance = new WorkflowInstance
        {
            InstanceId = Guid.NewGuid().ToString("N"),
            WorkflowTypeId = type.Id,
            TypeVersionId = version.Id,
            Status = WorkflowStatus.Running,
            CorrelationId = correlationId,
            SingletonKey = type.IsSingleton ? $"{type.Id}:{correlationId}" : null,
            StateJson = new WorkflowState { Input = input }.ToJson(),
            CreatedUtc = now,
            ModifiedUtc = now,
            LockOwner = _owner,
            LockedUntilUtc = now + InstanceLock.Lease,
        };
        if (type.IsSingleton && await db.Set<WorkflowInstance>().AnyAsync(i => i.SingletonKey == instance.SingletonKey, ct)) return null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(instance);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (type.IsSingleton)
        {
            // Another node started this singleton for the correlation id in between: the unique key refused the second.
            return null;
        }
        try
        {
            await ExecuteAsync(instance, definition, WorkflowState.Parse(instance.StateJson), [(activityId, true)], null, ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            await InstanceLock.ReleaseAsync(db, instance.Id, _owner);
        }
        return instance;
    }

    /// <summary>Resumes the instance at a blocking activity; false when it no longer waits there (another run took the step) or the event is not its.</summary>
    public async Task<bool> ResumeAsync(int instanceId, string activityId, JsonObject input, string? userName, CancellationToken ct)
    {
        if (!await AcquireAsync(instanceId, ct)) return false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var instance = await db.Set<WorkflowInstance>().FirstAsync(i => i.Id == instanceId, ct);
            var version = await db.Set<WorkflowTypeVersion>().AsNoTracking().FirstAsync(v => v.Id == instance.TypeVersionId, ct);
            var definition = WorkflowDefinition.Parse(version.Json);
            if (definition.Find(activityId) is not { } record) return false;
            var kind = activities.Find(record.Type);
            if (kind is null || !kind.MatchesOf(record, input)) return false;
            // Taking the block is deleting it: a second resume that got the lease after this one finds nothing to take.
            var taken = await db.Set<WorkflowBlock>().Where(b => b.InstanceId == instanceId && b.ActivityId == activityId).ExecuteDeleteAsync(ct);
            if (taken == 0) return false;
            var state = WorkflowState.Parse(instance.StateJson);
            foreach (var (key, value) in input) state.Input[key] = value?.DeepClone();
            instance.Status = WorkflowStatus.Running;
            await ExecuteAsync(instance, definition, state, [(activityId, true)], userName, ct);
            await tx.CommitAsync(ct);
            return true;
        }
        finally
        {
            await InstanceLock.ReleaseAsync(db, instanceId, _owner);
        }
    }

    /// <summary>Runs a faulted instance again from the activity that failed.</summary>
    public async Task<bool> RestartAsync(int instanceId, CancellationToken ct)
    {
        if (!await AcquireAsync(instanceId, ct)) return false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var instance = await db.Set<WorkflowInstance>().FirstAsync(i => i.Id == instanceId, ct);
            if (instance.Status != WorkflowStatus.Faulted) return false;
            var version = await db.Set<WorkflowTypeVersion>().AsNoTracking().FirstAsync(v => v.Id == instance.TypeVersionId, ct);
            var state = WorkflowState.Parse(instance.StateJson);
            var pending = state.Pending.Select(id => (id, false)).ToList();
            state.Pending = [];
            instance.Status = WorkflowStatus.Running;
            instance.Error = null;
            db.Add(new WorkflowLogEntry { InstanceId = instance.Id, ActivityId = "", ActivityName = "重新运行", TimeUtc = Now });
            await ExecuteAsync(instance, WorkflowDefinition.Parse(version.Json), state, pending, null, ct);
            await tx.CommitAsync(ct);
            return true;
        }
        finally
        {
            await InstanceLock.ReleaseAsync(db, instanceId, _owner);
        }
    }

    public async Task<bool> AbortAsync(int instanceId, string? userName, CancellationToken ct)
    {
        if (!await AcquireAsync(instanceId, ct)) return false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var instance = await db.Set<WorkflowInstance>().FirstAsync(i => i.Id == instanceId, ct);
            if (instance.Status is not (WorkflowStatus.Halted or WorkflowStatus.Faulted)) return false;
            await db.Set<WorkflowBlock>().Where(b => b.InstanceId == instanceId).ExecuteDeleteAsync(ct);
            await db.Set<WorkflowTimer>().Where(t => t.InstanceId == instanceId).ExecuteDeleteAsync(ct);
            instance.Status = WorkflowStatus.Aborted;
            instance.FinishedUtc = instance.ModifiedUtc = Now;
            instance.SingletonKey = null;
            db.Add(new WorkflowLogEntry { InstanceId = instanceId, ActivityId = "", ActivityName = "中止", UserName = userName, TimeUtc = Now });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        finally
        {
            await InstanceLock.ReleaseAsync(db, instanceId, _owner);
        }
    }

    /// <summary>Waits a little for a lease another run holds (its step takes milliseconds), then gives up.</summary>
    private async Task<bool> AcquireAsync(int instanceId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await InstanceLock.TryAcquireAsync(db, instanceId, _owner, Now, ct)) return true;
            if (!await db.Set<WorkflowInstance>().AnyAsync(i => i.Id == instanceId, ct)) return false;
            await Task.Delay(100, ct);
        }
        log.LogWarning("Workflow instance {Id} stayed locked; the event was not applied.", instanceId);
        return false;
    }

    private async Task ExecuteAsync(WorkflowInstance instance, WorkflowDefinition definition, WorkflowState state,
        List<(string ActivityId, bool Resume)> start, string? userName, CancellationToken ct)
    {
        var queue = new Queue<(string ActivityId, bool Resume)>(start);
        var steps = 0;
        while (queue.Count > 0)
        {
            var (activityId, resume) = queue.Dequeue();
            var record = definition.Find(activityId);
            var kind = record is null ? null : activities.Find(record.Type);
            var title = record?.Title ?? kind?.DisplayName ?? activityId;
            var context = new ActivityContext(instance, definition, record ?? new ActivityRecord { Id = activityId }, state, services, db, templates, Now, userName);
            ActivityResult result;
            try
            {
                if (++steps > MaxSteps) throw new InvalidOperationException($"一次运行执行了超过 {MaxSteps} 个活动，可能存在循环。");
                if (record is null) throw new InvalidOperationException($"活动 {activityId} 不在流程中。");
                if (kind is null) throw new InvalidOperationException($"活动类型「{record.Type}」不存在或其功能未启用。");
                result = resume ? await kind.ResumeAsync(context) : await kind.ExecuteAsync(context);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Workflow instance {Instance} faulted in {Activity}", instance.InstanceId, activityId);
                // What the failed activity added to the context is dropped; earlier steps of this run are already saved.
                foreach (var entry in db.ChangeTracker.Entries().Where(x => x.Entity != instance && x.State != EntityState.Unchanged).ToList())
                    entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;
                state.Pending = [activityId, .. queue.Select(q => q.ActivityId)];
                instance.Status = WorkflowStatus.Faulted;
                instance.Error = $"活动「{title}」出错：{e.Message}";
                AddLog(instance, activityId, title, "出错", e.Message, userName);
                await SaveAsync(instance, state, ct);
                return;
            }
            if (result.Halted)
            {
                var eventName = kind!.EventNameOf(record!) ?? kind.Name;
                db.Add(new WorkflowBlock { InstanceId = instance.Id, ActivityId = activityId, EventName = eventName, CorrelationId = instance.CorrelationId, CreatedUtc = Now });
                AddLog(instance, activityId, title, "等待", context.Message, userName);
                continue;
            }
            AddLog(instance, activityId, title, string.Join("、", result.Outcomes.Select(o => kind!.OutcomesOf(record!).FirstOrDefault(x => x.Name == o)?.DisplayName ?? o)), context.Message, resume ? userName : null);
            await db.SaveChangesAsync(ct);
            foreach (var outcome in result.Outcomes)
                foreach (var next in definition.From(activityId, outcome))
                    queue.Enqueue((next.To, false));
        }
        await db.SaveChangesAsync(ct);
        var waiting = await db.Set<WorkflowBlock>().AnyAsync(b => b.InstanceId == instance.Id, ct);
        instance.Status = waiting ? WorkflowStatus.Halted : WorkflowStatus.Finished;
        if (!waiting)
        {
            instance.FinishedUtc = Now;
            instance.SingletonKey = null;
        }
        await SaveAsync(instance, state, ct);
    }

    private async Task SaveAsync(WorkflowInstance instance, WorkflowState state, CancellationToken ct)
    {
        instance.StateJson = state.ToJson();
        instance.ModifiedUtc = Now;
        await db.SaveChangesAsync(ct);
    }

    private void AddLog(WorkflowInstance instance, string activityId, string title, string? outcome, string? message, string? userName) =>
        db.Add(new WorkflowLogEntry
        {
            InstanceId = instance.Id,
            ActivityId = activityId,
            ActivityName = title.Length > 100 ? title[..100] : title,
            Outcome = outcome?.Length > 100 ? outcome[..100] : outcome,
            Message = message,
            UserName = userName,
            TimeUtc = Now,
        });
}
