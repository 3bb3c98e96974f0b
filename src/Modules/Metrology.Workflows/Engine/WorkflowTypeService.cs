using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Engine;

/// <summary>A type as exported, imported and written in recipes.</summary>
public sealed class WorkflowTypeExport
{
    public string? Id { get; set; }
    public string Name { get; set; } = "";
    public bool Enabled { get; set; }
    public bool IsSingleton { get; set; }
    public List<ActivityRecord> Activities { get; set; } = [];
    public List<Transition> Transitions { get; set; } = [];
}

/// <summary>Thrown when a graph does not validate; <see cref="Errors"/> are the designer's messages.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<string> errors) : Exception(string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Types and their versions. Saving a graph always writes a new version; instances keep the version they
/// started on. The start index (WorkflowStarts, and timer starts in WorkflowTimers) follows the current
/// version of each enabled type.
/// </summary>
public sealed class WorkflowTypeService(TenantDbContext db, WorkflowValidator validator, WorkflowActivities activities, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<WorkflowType?> FindAsync(string id, CancellationToken ct = default) =>
        db.Set<WorkflowType>().FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<WorkflowDefinition> CurrentAsync(WorkflowType type, CancellationToken ct = default)
    {
        var version = await db.Set<WorkflowTypeVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == type.CurrentVersionId, ct);
        return WorkflowDefinition.Parse(version?.Json);
    }

    /// <summary>The graph the designer shows: the draft when there is one, else the current version.</summary>
    public async Task<WorkflowDefinition> EditingAsync(WorkflowType type, CancellationToken ct = default) =>
        type.DraftJson is not null ? WorkflowDefinition.Parse(type.DraftJson) : await CurrentAsync(type, ct);

    public async Task<WorkflowType> CreateAsync(string name, bool isSingleton, CancellationToken ct = default)
    {
        var type = new WorkflowType { Id = Guid.NewGuid().ToString("N"), Name = name.Trim(), IsSingleton = isSingleton, ModifiedUtc = Now, DraftJson = new WorkflowDefinition().ToJson() };
        db.Add(type);
        await db.SaveChangesAsync(ct);
        return type;
    }

    /// <summary>Saves the type's name and flags, and the draft when one is given.</summary>
    public async Task SaveDraftAsync(WorkflowType type, WorkflowDefinition? draft, CancellationToken ct = default)
    {
        if (draft is not null)
        {
            var before = type.DraftJson ?? (await CurrentAsync(type, ct)).ToJson();
            var json = draft.ToJson();
            if (json != before) PushUndo(type, before);
            type.DraftJson = json;
        }
        type.ModifiedUtc = Now;
        await db.SaveChangesAsync(ct);
    }

    public const int UndoDepth = 30;

    /// <summary>How many changes of the draft 撤销 can take back.</summary>
    public static int UndoCount(WorkflowType type) => UndoStack(type).Count;

    /// <summary>撤销: the draft goes back to the graph before its last change; false when there is nothing to take back.</summary>
    public async Task<bool> UndoAsync(WorkflowType type, CancellationToken ct = default)
    {
        var stack = UndoStack(type);
        if (stack.Count == 0) return false;
        type.DraftJson = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        type.UndoJson = stack.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(stack);
        type.ModifiedUtc = Now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static List<string> UndoStack(WorkflowType type) =>
        string.IsNullOrEmpty(type.UndoJson) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(type.UndoJson) ?? [];

    private static void PushUndo(WorkflowType type, string graph)
    {
        var stack = UndoStack(type);
        stack.Add(graph);
        if (stack.Count > UndoDepth) stack.RemoveRange(0, stack.Count - UndoDepth);
        type.UndoJson = System.Text.Json.JsonSerializer.Serialize(stack);
    }

    /// <summary>Back to the current version (an empty graph for a type never saved); 撤销 can bring the draft back.</summary>
    public async Task DiscardDraftAsync(WorkflowType type, CancellationToken ct = default)
    {
        if (type.DraftJson is not null) PushUndo(type, type.DraftJson);
        type.DraftJson = type.CurrentVersionId == 0 ? new WorkflowDefinition().ToJson() : null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Validates the graph and makes it the type's new current version.</summary>
    public async Task<WorkflowTypeVersion> SaveVersionAsync(WorkflowType type, WorkflowDefinition definition, CancellationToken ct = default)
    {
        var errors = validator.Validate(definition);
        if (errors.Count > 0) throw new WorkflowValidationException(errors);
        var number = await db.Set<WorkflowTypeVersion>().Where(v => v.WorkflowTypeId == type.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        var version = new WorkflowTypeVersion { WorkflowTypeId = type.Id, Number = number + 1, Json = definition.ToJson(), CreatedUtc = Now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(version);
        await db.SaveChangesAsync(ct);
        type.CurrentVersionId = version.Id;
        type.DraftJson = null;
        type.UndoJson = null;
        type.ModifiedUtc = Now;
        await IndexAsync(type, definition, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return version;
    }

    public async Task SetEnabledAsync(WorkflowType type, bool enabled, CancellationToken ct = default)
    {
        if (enabled && type.CurrentVersionId == 0) throw new WorkflowValidationException(["流程尚未保存过有效版本，不能启用。"]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        type.Enabled = enabled;
        type.ModifiedUtc = Now;
        await IndexAsync(type, await CurrentAsync(type, ct), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<WorkflowType> DuplicateAsync(WorkflowType source, CancellationToken ct = default)
    {
        var copy = await CreateAsync(source.Name + "（副本）", source.IsSingleton, ct);
        copy.DraftJson = (await EditingAsync(source, ct)).ToJson();
        await db.SaveChangesAsync(ct);
        return copy;
    }

    /// <summary>Removes the type with its versions, instances and their records.</summary>
    public async Task DeleteAsync(WorkflowType type, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var instances = db.Set<WorkflowInstance>().Where(i => i.WorkflowTypeId == type.Id).Select(i => i.Id);
        await db.Set<WorkflowBlock>().Where(b => instances.Contains(b.InstanceId)).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowLogEntry>().Where(l => instances.Contains(l.InstanceId)).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowTimer>().Where(t => t.WorkflowTypeId == type.Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowStart>().Where(s => s.WorkflowTypeId == type.Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowInstance>().Where(i => i.WorkflowTypeId == type.Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowTypeVersion>().Where(v => v.WorkflowTypeId == type.Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowType>().Where(t => t.Id == type.Id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<WorkflowTypeExport> ExportAsync(WorkflowType type, CancellationToken ct = default)
    {
        var definition = await CurrentAsync(type, ct);
        return new WorkflowTypeExport
        {
            Id = type.Id, Name = type.Name, Enabled = type.Enabled, IsSingleton = type.IsSingleton,
            Activities = definition.Activities, Transitions = definition.Transitions,
        };
    }

    /// <summary>
    /// Creates the type, or updates the one with this id (else this name): a changed graph becomes a new
    /// version, so running instances are never touched. Used by import and by the WorkflowType recipe step.
    /// </summary>
    public async Task<WorkflowType> ImportAsync(WorkflowTypeExport export, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(export.Name)) throw new WorkflowValidationException(["流程名称不能为空。"]);
        var type = export.Id is { Length: > 0 } id ? await FindAsync(id, ct) : null;
        type ??= await db.Set<WorkflowType>().FirstOrDefaultAsync(t => t.Name == export.Name.Trim(), ct);
        if (type is null)
        {
            type = new WorkflowType { Id = export.Id is { Length: > 0 and <= 32 } given ? given : Guid.NewGuid().ToString("N"), Name = export.Name.Trim(), ModifiedUtc = Now };
            db.Add(type);
        }
        type.Name = export.Name.Trim();
        type.IsSingleton = export.IsSingleton;
        var definition = new WorkflowDefinition { Activities = export.Activities, Transitions = export.Transitions };
        var current = type.CurrentVersionId == 0 ? null : await CurrentAsync(type, ct);
        if (current is null || current.ToJson() != definition.ToJson()) await SaveVersionAsync(type, definition, ct);
        if (type.Enabled != export.Enabled || current is null) await SetEnabledAsync(type, export.Enabled, ct);
        await db.SaveChangesAsync(ct);
        return type;
    }

    public static WorkflowTypeExport ParseExport(string json) =>
        JsonSerializer.Deserialize<WorkflowTypeExport>(json, WorkflowJson.Options) ?? throw new JsonException("空的 JSON。");

    /// <summary>Rewrites the type's rows of the start index from its current version (none when disabled).</summary>
    private async Task IndexAsync(WorkflowType type, WorkflowDefinition definition, CancellationToken ct)
    {
        await db.Set<WorkflowStart>().Where(s => s.WorkflowTypeId == type.Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowTimer>().Where(t => t.WorkflowTypeId == type.Id && t.InstanceId == null).ExecuteDeleteAsync(ct);
        if (!type.Enabled) return;
        foreach (var start in definition.Activities.Where(a => a.IsStart))
        {
            if (activities.Find(start.Type) is not { CanStart: true } kind) continue;
            if (kind is TimerEvent)
            {
                var cron = ((TimerSettings)kind.SettingsOf(start)).Cron!;
                if (TimerEvent.Next(cron, Now) is { } due)
                    db.Add(new WorkflowTimer { WorkflowTypeId = type.Id, TypeVersionId = type.CurrentVersionId, ActivityId = start.Id, Cron = cron, DueUtc = due });
                continue;
            }
            foreach (var filter in kind.StartFiltersOf(start).Distinct())
                db.Add(new WorkflowStart { WorkflowTypeId = type.Id, TypeVersionId = type.CurrentVersionId, ActivityId = start.Id, EventName = kind.EventNameOf(start) ?? kind.Name, Filter = filter });
        }
    }
}
