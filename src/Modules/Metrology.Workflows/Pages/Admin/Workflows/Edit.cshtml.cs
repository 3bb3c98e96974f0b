using Metrology.Core.Workflows;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Metrology.Workflows.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Admin.Workflows;

/// <summary>
/// The designer. Every change (add, configure, connect, remove, mark a start, move) edits the type's draft;
/// "保存" validates the draft and makes it a new version, which new instances use.
/// </summary>
[Permission("ManageWorkflows")]
public sealed class EditModel(WorkflowTypeService types, WorkflowActivities activities, WorkflowValidator validator, DesignerCatalog catalog,
    WorkflowDryRun dryRun, WorkflowMigration migration, IEnumerable<IWorkflowSampleSource> sampleSources, Metrology.Core.Tenants.FeatureFilter features, ContentDefinitionStore definitions, TenantDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public WorkflowType Type { get; private set; } = null!;
    public WorkflowDefinition Definition { get; private set; } = null!;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public WorkflowActivities Activities => activities;
    public WorkflowValidator Validator => validator;
    public DesignerCatalog Catalog => catalog;

    /// <summary>The data of the start events (and the properties set), offered for conditions and messages.</summary>
    public IReadOnlyList<DesignerField> Fields { get; private set; } = [];

    /// <summary>The problems found by "检查" (save), by activity, for the canvas and the forms to mark.</summary>
    public ILookup<string, string> Problems { get; private set; } = Array.Empty<(string, string)>().ToLookup(p => p.Item1, p => p.Item2);

    public IReadOnlyList<WorkflowTypeVersion> Versions { get; private set; } = [];

    /// <summary>Real items to try the workflow on (试运行), from the features that raise its start events.</summary>
    public IReadOnlyList<WorkflowSample> Samples { get; private set; } = [];

    public DryRunResult? DryRun { get; private set; }

    /// <summary>Halted instances on older versions: how many can move to the current version, how many stay.</summary>
    public MigrationPlan Migration { get; private set; } = MigrationPlan.None;
    public Dictionary<int, int> InstancesByVersion { get; private set; } = [];

    /// <summary>What each listed version changed against the one before it (the first version: nothing to compare).</summary>
    public Dictionary<int, IReadOnlyList<string>> Changes { get; } = [];

    /// <summary>The movable instances by id, with their correlation (what item they run for), for moving one at a time.</summary>
    public IReadOnlyList<(int Id, string InstanceId, string? CorrelationId, int Version)> MovableInstances { get; private set; } = [];

    /// <summary>Values the designer offers for settings marked with <see cref="OptionsAttribute"/>: (value, label).</summary>
    public Dictionary<string, IReadOnlyList<(string Value, string Label)>> Options { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostPropertiesAsync(string? name, bool isSingleton, CancellationToken ct) => ChangeAsync(d =>
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return "请输入流程名称（不超过 100 个字符）。";
        Type.Name = name.Trim();
        Type.IsSingleton = isSingleton;
        return null;
    }, ct, draft: false);

    /// <summary>Adds an activity from the picker: a kind, or a declared domain event (<paramref name="eventName"/>); placed below the last one, and connected from it when it has a free outcome.</summary>
    public Task<IActionResult> OnPostAddAsync(string? kind, string? eventName, string? item, string? title, string? after, CancellationToken ct) => ChangeAsync(d =>
    {
        // The picker's buttons post "kind:event name" (the event name empty for anything but a domain event).
        if (item?.Split(':', 2) is [var k, var e]) (kind, eventName) = (k, e.Length == 0 ? null : e);
        if (kind is null || activities.Find(kind) is not { } activity) return "请选择活动类型。";
        if (activity is DomainEvent && catalog.Event(eventName) is null) return "请从列表中选择业务事件。";
        var n = d.Activities.Count;
        var record = new ActivityRecord
        {
            Id = Guid.NewGuid().ToString("N")[..8],
            Type = activity.Name,
            Title = string.IsNullOrWhiteSpace(title) ? activity is DomainEvent ? catalog.Event(eventName)!.DisplayName : null : title.Trim(),
            IsStart = !d.Activities.Any(a => a.IsStart) && activity.CanStart,
            Settings = activity is DomainEvent ? new System.Text.Json.Nodes.JsonObject { ["EventName"] = eventName } : [],
        };
        var previous = after is null ? null : d.Find(after);
        (record.X, record.Y) = previous is null ? (40, 40 + 120 * n) : (previous.X, previous.Y + 120);
        while (d.Activities.Any(a => Math.Abs(a.X - record.X) < DiagramModel.Width && Math.Abs(a.Y - record.Y) < DiagramModel.Height + 20)) record.X += DiagramModel.Width + 40;
        d.Activities.Add(record);
        if (previous is not null && activities.Find(previous.Type)?.OutcomesOf(previous).FirstOrDefault(o => !d.Transitions.Any(t => t.From == previous.Id && t.Outcome == o.Name)) is { } free)
            d.Transitions.Add(new Transition(previous.Id, free.Name, record.Id));
        return null;
    }, ct);

    public Task<IActionResult> OnPostConfigureAsync(string activityId, string? title, bool isStart, CancellationToken ct) => ChangeAsync(d =>
    {
        if (d.Find(activityId) is not { } a || activities.Find(a.Type) is not { } kind) return "活动不存在。";
        a.Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        a.IsStart = isStart && kind.CanStart;
        a.Settings = SettingsForm.Parse(kind, Request.Form);
        return null;
    }, ct);

    /// <summary>Lays the graph out in rows by distance from the start activities; branches side by side.</summary>
    public Task<IActionResult> OnPostLayoutAsync(CancellationToken ct) => ChangeAsync(d =>
    {
        WorkflowLayout.Arrange(d);
        return null;
    }, ct);

    public Task<IActionResult> OnPostRemoveAsync(string activityId, CancellationToken ct) => ChangeAsync(d =>
    {
        d.Activities.RemoveAll(a => a.Id == activityId);
        d.Transitions.RemoveAll(t => t.From == activityId || t.To == activityId);
        return null;
    }, ct);

    /// <summary><paramref name="from"/> is "activityId:outcome" (ids never hold a colon; outcomes may).</summary>
    public Task<IActionResult> OnPostConnectAsync(string? from, string? to, CancellationToken ct) => ChangeAsync(d =>
    {
        var parts = from?.Split(':', 2);
        if (parts is not { Length: 2 } || d.Find(parts[0]) is null || to is null || d.Find(to) is null) return "请选择连线的起点结果和终点活动。";
        var transition = new Transition(parts[0], parts[1], to);
        if (!d.Transitions.Contains(transition)) d.Transitions.Add(transition);
        return null;
    }, ct);

    public Task<IActionResult> OnPostDisconnectAsync(int index, CancellationToken ct) => ChangeAsync(d =>
    {
        if (index >= 0 && index < d.Transitions.Count) d.Transitions.RemoveAt(index);
        return null;
    }, ct);

    /// <summary>Positions from dragging on the diagram: Positions[id] = "x,y".</summary>
    public Task<IActionResult> OnPostPositionsAsync(Dictionary<string, string> positions, CancellationToken ct) => ChangeAsync(d =>
    {
        foreach (var (id, value) in positions)
        {
            var xy = value.Split(',');
            if (d.Find(id) is { } a && xy.Length == 2 && double.TryParse(xy[0], out var x) && double.TryParse(xy[1], out var y))
                (a.X, a.Y) = (Math.Clamp((int)x, 0, 4000), Math.Clamp((int)y, 0, 4000));
        }
        return null;
    }, ct);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        try
        {
            var version = await types.SaveVersionAsync(Type, Definition, ct);
            TempData.Success($"已保存为第 {version.Number} 版。新启动的实例使用此版本，已在运行的实例继续使用原版本。");
            return RedirectToPage(new { Id });
        }
        catch (WorkflowValidationException e)
        {
            Errors = e.Errors;
            Problems = validator.Problems(Definition).Where(p => p.ActivityId is not null).ToLookup(p => p.ActivityId!, p => p.Message);
            return Page();
        }
    }

    /// <summary>试运行: the draft run on a chosen real item (or the fields' sample values); nothing is saved or sent.</summary>
    public async Task<IActionResult> OnPostDryRunAsync(string? sample, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Definition.Activities.FirstOrDefault(a => a.IsStart) is not { } start)
        {
            TempData.Error("流程没有开始活动，无法试运行。");
            return RedirectToPage(new { Id });
        }
        DryRun = Samples.FirstOrDefault(s => s.Id == sample) is { } chosen
            ? dryRun.Run(Definition, start, chosen.Payload, chosen.Label)
            : dryRun.Run(Definition, start, WorkflowDryRun.SampleInput(Fields), "示例数据");
        return Page();
    }

    /// <summary>Moves the halted instances whose activity is still in the current version to it; the others stay.</summary>
    public async Task<IActionResult> OnPostMigrateAsync(int? instance, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var moved = await migration.MigrateAsync(Type, instance is { } one ? [one] : null, ct);
        var left = Migration.Movable.Count + Migration.Staying - moved;
        if (instance is not null && moved == 0) TempData.Error("该实例不能迁移：它已不在旧版本上等待，或正在运行。");
        else TempData.Success($"已将 {moved} 个实例迁移到当前版本；{left} 个留在原版本。");
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostUndoAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!await types.UndoAsync(Type, ct)) TempData.Error("没有可撤销的修改。");
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await types.DiscardDraftAsync(Type, ct);
        TempData.Success("已放弃未保存的修改。");
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> ChangeAsync(Func<WorkflowDefinition, string?> change, CancellationToken ct, bool draft = true)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (change(Definition) is { } problem) TempData.Error(problem);
        else await types.SaveDraftAsync(Type, draft ? Definition : null, ct);
        return RedirectToPage(new { Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await types.FindAsync(Id, ct) is not { } type) return false;
        Type = type;
        Definition = await types.EditingAsync(type, ct);
        Options[OptionsAttribute.ContentTypes] = (await definitions.TypesAsync(ct)).Select(t => (t.Name, t.DisplayName)).ToList();
        Options[OptionsAttribute.Roles] = (await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => r.Name!).ToListAsync(ct)).Select(n => (n, Metrology.Core.Security.StandardPermissions.RoleDisplayName(n))).ToList();
        Options[OptionsAttribute.DomainEvents] = catalog.Events.Select(e => (e.Name, e.DisplayName)).ToList();
        Options[OptionsAttribute.TemplateKinds] = catalog.TemplateKinds.Select(k => (k.Key, k.Name)).ToList();
        Fields = catalog.Fields(Definition, Options[OptionsAttribute.ContentTypes].Select(o => new WorkflowFieldOption(o.Value, o.Label)).ToList());
        var samples = new List<WorkflowSample>();
        foreach (var name in Definition.Activities.Where(a => a.IsStart && a.Type == "DomainEvent").Select(a => activities.Find(a.Type)!.EventNameOf(a)).OfType<string>().Distinct())
            foreach (var source in features.Enabled(sampleSources)) samples.AddRange(await source.SamplesAsync(name, ct));
        var typeNames = Options[OptionsAttribute.ContentTypes].ToDictionary(o => o.Value, o => o.Label);
        foreach (var start in Definition.Activities.Where(a => a.IsStart && activities.Find(a.Type) is ContentEvent))
            samples.AddRange(await Handlers.ContentEvents.SamplesAsync(db.Set<ContentItem>().AsNoTracking(), ((ContentEventSettings)activities.Find(start.Type)!.SettingsOf(start)).ContentTypes,
                t => typeNames.GetValueOrDefault(t, "内容"), ct));
        samples = samples.DistinctBy(s => s.Id).ToList();
        Samples = samples;
        Migration = await migration.PlanAsync(type, ct);
        var versions = await db.Set<WorkflowTypeVersion>().AsNoTracking().Where(v => v.WorkflowTypeId == type.Id).OrderByDescending(v => v.Number).Take(21).ToListAsync(ct);
        for (var i = 0; i + 1 < versions.Count; i++)
            Changes[versions[i].Id] = WorkflowVersionDiff.Describe(WorkflowDefinition.Parse(versions[i + 1].Json), WorkflowDefinition.Parse(versions[i].Json), validator.Title);
        Versions = versions.Take(20).ToList();
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        var shown = Migration.Movable.Take(50).ToList();
        MovableInstances = (await db.Set<WorkflowInstance>().AsNoTracking().Where(i => shown.Contains(i.Id)).OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.InstanceId, i.CorrelationId, i.TypeVersionId }).ToListAsync(ct))
            .Select(i => (i.Id, i.InstanceId, i.CorrelationId, numbers.GetValueOrDefault(i.TypeVersionId))).ToList();
        InstancesByVersion = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.WorkflowTypeId == type.Id && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Halted))
            .GroupBy(i => i.TypeVersionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return true;
    }

    public IEnumerable<(string Value, string Label)> OutcomeChoices() =>
        Definition.Activities.SelectMany(a => (activities.Find(a.Type)?.OutcomesOf(a) ?? []).Select(o => ($"{a.Id}:{o.Name}", $"{validator.Title(a)} → {o.DisplayName}")));
}
