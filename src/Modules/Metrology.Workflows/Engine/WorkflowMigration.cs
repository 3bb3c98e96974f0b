using Metrology.Core.Data;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Engine;

/// <summary>Halted instances on older versions: those that can move to the current version, and how many stay.</summary>
public sealed record MigrationPlan(IReadOnlyList<int> Movable, int Staying)
{
    public static readonly MigrationPlan None = new([], 0);
}

/// <summary>
/// Moves halted instances to the type's current version where every activity they wait on (block or timer) is still
/// there with the same kind and event; the others stay on their version. Each move is one conditional UPDATE that
/// respects the instance's lease, so a run in progress is never changed under it.
/// </summary>
public sealed class WorkflowMigration(TenantDbContext db, WorkflowActivities activities, TimeProvider clock)
{
    public async Task<MigrationPlan> PlanAsync(WorkflowType type, CancellationToken ct = default)
    {
        if (type.CurrentVersionId == 0) return MigrationPlan.None;
        var halted = await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.WorkflowTypeId == type.Id && i.Status == WorkflowStatus.Halted && i.TypeVersionId != type.CurrentVersionId)
            .Select(i => new { i.Id, i.TypeVersionId }).ToListAsync(ct);
        if (halted.Count == 0) return MigrationPlan.None;
        var versionIds = halted.Select(h => h.TypeVersionId).Append(type.CurrentVersionId).Distinct().ToList();
        var graphs = (await db.Set<WorkflowTypeVersion>().AsNoTracking().Where(v => versionIds.Contains(v.Id)).Select(v => new { v.Id, v.Json }).ToListAsync(ct))
            .ToDictionary(v => v.Id, v => WorkflowDefinition.Parse(v.Json));
        var target = graphs[type.CurrentVersionId];
        var ids = halted.Select(h => h.Id).ToList();
        var waits = (await db.Set<WorkflowBlock>().AsNoTracking().Where(b => ids.Contains(b.InstanceId)).Select(b => new { b.InstanceId, b.ActivityId, EventName = (string?)b.EventName }).ToListAsync(ct))
            .Concat(await db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.InstanceId != null && ids.Contains(t.InstanceId.Value)).Select(t => new { InstanceId = t.InstanceId!.Value, t.ActivityId, EventName = (string?)null }).ToListAsync(ct))
            .ToLookup(w => w.InstanceId);
        var movable = new List<int>();
        foreach (var h in halted)
        {
            var own = graphs.GetValueOrDefault(h.TypeVersionId);
            var stillThere = waits[h.Id].Any() && waits[h.Id].All(w =>
                own?.Find(w.ActivityId) is { } before && target.Find(w.ActivityId) is { } after && before.Type == after.Type
                && (w.EventName is null || activities.Find(after.Type)?.EventNameOf(after) == w.EventName));
            if (stillThere) movable.Add(h.Id);
        }
        return new MigrationPlan(movable, halted.Count - movable.Count);
    }

    /// <summary>Moves the movable instances (all, or those in <paramref name="only"/>); the number moved.</summary>
    public async Task<int> MigrateAsync(WorkflowType type, IReadOnlyCollection<int>? only = null, CancellationToken ct = default)
    {
        var plan = await PlanAsync(type, ct);
        var moved = 0;
        foreach (var id in plan.Movable.Where(id => only is null || only.Contains(id)))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var updated = await db.Set<WorkflowInstance>()
                .Where(i => i.Id == id && i.Status == WorkflowStatus.Halted && (i.LockOwner == null || i.LockedUntilUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.TypeVersionId, type.CurrentVersionId).SetProperty(i => i.ModifiedUtc, now), ct);
            if (updated == 1)
            {
                await db.Set<WorkflowTimer>().Where(t => t.InstanceId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.TypeVersionId, type.CurrentVersionId), ct);
                moved++;
            }
            await tx.CommitAsync(ct);
        }
        return moved;
    }
}
