using System.Text.Json;
using System.Text.Json.Nodes;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Admin.Workflows;

/// <summary>One instance: the path it took on the diagram of its version, its log and state; restart and delete.</summary>
[Permission("ViewWorkflowInstances")]
public sealed class InstanceModel(TenantDbContext db, WorkflowManager workflows, PermissionService permissions, WorkflowActivities activities, WorkflowValidator validator) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public WorkflowInstance Instance { get; private set; } = null!;
    public WorkflowType? Type { get; private set; }
    public WorkflowTypeVersion Version { get; private set; } = null!;
    public WorkflowDefinition Definition { get; private set; } = null!;
    public IReadOnlyList<WorkflowLogEntry> Log { get; private set; } = [];
    public HashSet<string> Waiting { get; private set; } = [];
    public string StateText { get; private set; } = "";
    public bool MayManage { get; private set; }
    public WorkflowActivities Activities => activities;
    public WorkflowValidator Validator => validator;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostRestartAsync(CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageWorkflows)) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        if (Instance.Status != WorkflowStatus.Faulted) TempData.Error("只有出错的实例可以重新运行。");
        else if (await workflows.RestartAsync(Id, ct)) TempData.Success("已重新运行。");
        else TempData.Error("实例正被其他操作占用，请稍后再试。");
        return RedirectToPage(new { Id });
    }

    /// <summary>Stops a waiting instance: it no longer waits on anything and counts as finished for retention.</summary>
    public async Task<IActionResult> OnPostAbortAsync(CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageWorkflows)) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        if (await workflows.AbortAsync(Id, User.Identity?.Name, ct)) TempData.Success("实例已中止。");
        else TempData.Error("只有等待中或出错的实例可以中止。");
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageWorkflows)) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<WorkflowBlock>().Where(b => b.InstanceId == Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowTimer>().Where(t => t.InstanceId == Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowLogEntry>().Where(l => l.InstanceId == Id).ExecuteDeleteAsync(ct);
        await db.Set<WorkflowInstance>().Where(i => i.Id == Id).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        TempData.Success($"实例 #{Id} 已删除。");
        return RedirectToPage("Instances", new { id = Instance.WorkflowTypeId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<WorkflowInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id, ct) is not { } instance) return false;
        Instance = instance;
        Type = await db.Set<WorkflowType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == instance.WorkflowTypeId, ct);
        Version = await db.Set<WorkflowTypeVersion>().AsNoTracking().FirstAsync(v => v.Id == instance.TypeVersionId, ct);
        Definition = WorkflowDefinition.Parse(Version.Json);
        Log = await db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == Id).OrderBy(l => l.Id).Take(500).ToListAsync(ct);
        Waiting = (await db.Set<WorkflowBlock>().AsNoTracking().Where(b => b.InstanceId == Id).Select(b => b.ActivityId).ToListAsync(ct)).ToHashSet();
        var state = WorkflowState.Parse(instance.StateJson);
        StateText = JsonSerializer.Serialize(new JsonObject { ["input"] = state.Input.DeepClone(), ["properties"] = state.Properties.DeepClone() }, WorkflowJson.Indented);
        MayManage = await permissions.HasAsync(User, Permissions.ManageWorkflows);
        return true;
    }

    public HashSet<string> Ran => Log.Where(l => l.Outcome is not ("出错" or "等待")).Select(l => l.ActivityId).ToHashSet();

    public string? Failed => Instance.Status == WorkflowStatus.Faulted ? WorkflowState.Parse(Instance.StateJson).Pending.FirstOrDefault() : null;
}
