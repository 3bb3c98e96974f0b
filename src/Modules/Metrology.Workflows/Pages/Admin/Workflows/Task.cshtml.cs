using System.Text.Json.Nodes;
using Metrology.Core.Admin;
using Metrology.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Workflows.Pages.Admin.Workflows;

/// <summary>A user task's action chosen on the item's page: allowed only to users in the task's roles.</summary>
public sealed class TaskModel(UserTasks tasks, WorkflowManager workflows) : PageModel
{
    [BindProperty] public int InstanceId { get; set; }
    [BindProperty] public string? ActivityId { get; set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var task = ActivityId is null ? null : await tasks.FindAsync(User, InstanceId, ActivityId, ct);
        if (task is null) return Forbid();
        if (Action is null || !task.Actions.Contains(Action)) return BadRequest();
        var input = new JsonObject { ["Action"] = Action, ["Comment"] = Comment?.Trim(), ["UserName"] = User.Identity?.Name };
        if (await workflows.ResumeAsync(InstanceId, task.ActivityId, input, User.Identity?.Name, ct)) TempData.Success($"已提交「{Action}」。");
        else TempData.Error("该待办已被他人处理。");
        return Redirect(Url.Content("~/admin/contents/edit/" + task.CorrelationId));
    }
}
