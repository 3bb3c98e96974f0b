using System.Text.Json.Nodes;
using Metrology.Core.Data;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Workflows;

/// <summary>
/// The page a signal link opens. The signed token is the authorization; the GET only asks, the POST
/// (with anti-forgery) resumes, so a link preview or a mail scanner cannot move the workflow.
/// </summary>
[AllowAnonymous]
public sealed class SignalModel(SignalTokens tokens, TenantDbContext db, WorkflowManager workflows) : PageModel
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) =>
        await FindAsync(token, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (await FindAsync(token, ct) is not { } block) return NotFound();
        await workflows.ResumeAsync(block.InstanceId, block.ActivityId, new JsonObject { ["Signal"] = true }, null, ct);
        Done = true;
        return Page();
    }

    private async Task<WorkflowBlock?> FindAsync(string token, CancellationToken ct)
    {
        if (tokens.Read(token) is not var (instanceId, activityId)) return null;
        return await db.Set<WorkflowBlock>().AsNoTracking()
            .Join(db.Set<WorkflowInstance>().Where(i => i.InstanceId == instanceId), b => b.InstanceId, i => i.Id, (b, i) => b)
            .FirstOrDefaultAsync(b => b.ActivityId == activityId && b.EventName == SignalEvent.Event, ct);
    }
}
