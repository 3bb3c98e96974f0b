using Metrology.Core.Workflows;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Admin.Workflows;

/// <summary>
/// The designer. Every change (add, configure, connect, remove, mark a start, move) edits the type's draft;
/// "保存" validates the draft and makes it a new version, which new instances use.
/// </summary>
[Permission("ManageWorkflows")]
public sealed class EditModel(WorkflowTypeService types, WorkflowActivities activities, WorkflowValidator validator, IEnumerable<WorkflowEventName> eventNames,
    ContentDefinitionStore definitions, TenantDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public WorkflowType Type { get; private set; } = null!;
    public WorkflowDefinition Definition { get; private set; } = null!;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public WorkflowActivities Activities => activities;
    public WorkflowValidator Validator => validator;
    public IEnumerable<WorkflowEventName> EventNames => eventNames;

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

    public Task<IActionResult> OnPostAddAsync(string? kind, string? title, CancellationToken ct) => ChangeAsync(d =>
    {
        if (kind is null || activities.Find(kind) is not { } activity) return "请选择活动类型。";
        var n = d.Activities.Count;
        d.Activities.Add(new ActivityRecord
        {
            Id = Guid.NewGuid().ToString("N")[..8],
            Type = activity.Name,
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            IsStart = n == 0 && activity.CanStart,
            X = 20 + 200 * (n % 4),
            Y = 20 + 110 * (n / 4),
        });
        return null;
    }, ct);

    public Task<IActionResult> OnPostConfigureAsync(string activityId, string? title, bool isStart, int x, int y, CancellationToken ct) => ChangeAsync(d =>
    {
        if (d.Find(activityId) is not { } a || activities.Find(a.Type) is not { } kind) return "活动不存在。";
        a.Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        a.IsStart = isStart;
        a.X = Math.Clamp(x, 0, 4000);
        a.Y = Math.Clamp(y, 0, 4000);
        a.Settings = SettingsForm.Parse(kind, Request.Form);
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
            return Page();
        }
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
        return true;
    }

    public IEnumerable<(string Value, string Label)> OutcomeChoices() =>
        Definition.Activities.SelectMany(a => (activities.Find(a.Type)?.OutcomesOf(a) ?? []).Select(o => ($"{a.Id}:{o.Name}", $"{validator.Title(a)} → {o.DisplayName}")));
}
