using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Admin.Workflows;

/// <summary>The instances of a type, newest first, filtered by status.</summary>
[Permission("ViewWorkflowInstances")]
public sealed class InstancesModel(TenantDbContext db, WorkflowTypeService types) : PageModel
{
    private const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public WorkflowStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public WorkflowType Type { get; private set; } = null!;
    public IReadOnlyList<WorkflowInstance> Items { get; private set; } = [];
    public Dictionary<int, int> VersionNumbers { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await types.FindAsync(Id, ct) is not { } type) return NotFound();
        Type = type;
        var query = db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.WorkflowTypeId == Id);
        if (Status is { } status) query = query.Where(i => i.Status == status);
        Pager = new Pager(PageNumber, PageSize, await query.CountAsync(ct), p => Url.Page("Instances", new { Id, Status, p })!);
        Items = await query.OrderByDescending(i => i.Id).Skip(Pager.Skip).Take(PageSize).ToListAsync(ct);
        var versionIds = Items.Select(i => i.TypeVersionId).Distinct().ToList();
        VersionNumbers = await db.Set<WorkflowTypeVersion>().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        return Page();
    }

    public static string StatusText(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => "运行中",
        WorkflowStatus.Halted => "等待中",
        WorkflowStatus.Finished => "已完成",
        WorkflowStatus.Faulted => "出错",
        _ => "已中止",
    };

    public static string StatusClass(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Halted => "text-bg-warning",
        WorkflowStatus.Finished => "text-bg-success",
        WorkflowStatus.Faulted => "text-bg-danger",
        _ => "text-bg-secondary",
    };
}
