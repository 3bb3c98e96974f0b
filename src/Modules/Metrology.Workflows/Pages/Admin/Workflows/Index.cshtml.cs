using System.Text;
using System.Text.Json;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Pages.Admin.Workflows;

public sealed record TypeRow(WorkflowType Type, int? Version, int Halted, int Faulted);

/// <summary>The workflow types: filter, create, enable/disable, duplicate, delete, export/import, retention.</summary>
[Permission("ViewWorkflowInstances")]
public sealed class IndexModel(TenantDbContext db, WorkflowTypeService types, PermissionService permissions, DocumentStore documents) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public bool IsSingleton { get; set; }
    [BindProperty] public int RetentionDays { get; set; }

    public IReadOnlyList<TypeRow> Rows { get; private set; } = [];
    public bool MayManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayManage = await permissions.HasAsync(User, Permissions.ManageWorkflows);
        RetentionDays = (await documents.GetAsync<WorkflowSettings>(ct)).RetentionDays;
        var query = db.Set<WorkflowType>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(t => t.Name.Contains(Q.Trim()));
        var list = await query.OrderBy(t => t.Name).Take(200).ToListAsync(ct);
        var ids = list.Select(t => t.Id).ToList();
        var counts = await db.Set<WorkflowInstance>().Where(i => ids.Contains(i.WorkflowTypeId) && (i.Status == WorkflowStatus.Halted || i.Status == WorkflowStatus.Faulted))
            .GroupBy(i => new { i.WorkflowTypeId, i.Status }).Select(g => new { g.Key.WorkflowTypeId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var versionIds = list.Select(t => t.CurrentVersionId).ToList();
        var numbers = await db.Set<WorkflowTypeVersion>().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        Rows = list.Select(t => new TypeRow(t, numbers.TryGetValue(t.CurrentVersionId, out var n) ? n : null,
            counts.Where(c => c.WorkflowTypeId == t.Id && c.Status == WorkflowStatus.Halted).Sum(c => c.Count),
            counts.Where(c => c.WorkflowTypeId == t.Id && c.Status == WorkflowStatus.Faulted).Sum(c => c.Count))).ToList();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
        {
            TempData.Error("请输入流程名称（不超过 100 个字符）。");
            return RedirectToPage();
        }
        var type = await types.CreateAsync(Name, IsSingleton, ct);
        return RedirectToPage("Edit", new { id = type.Id });
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, bool enabled, CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        if (await types.FindAsync(id, ct) is not { } type) return NotFound();
        try
        {
            await types.SetEnabledAsync(type, enabled, ct);
            TempData.Success(enabled ? $"「{type.Name}」已启用。" : $"「{type.Name}」已停用，已在运行的实例继续运行。");
        }
        catch (WorkflowValidationException e)
        {
            TempData.Error(string.Join(" ", e.Errors));
        }
        return RedirectToPage(new { Q });
    }

    public async Task<IActionResult> OnPostDuplicateAsync(string id, CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        if (await types.FindAsync(id, ct) is not { } type) return NotFound();
        var copy = await types.DuplicateAsync(type, ct);
        TempData.Success($"已复制为「{copy.Name}」（未启用）。");
        return RedirectToPage("Edit", new { id = copy.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        if (await types.FindAsync(id, ct) is not { } type) return NotFound();
        await types.DeleteAsync(type, ct);
        TempData.Success($"「{type.Name}」及其实例已删除。");
        return RedirectToPage(new { Q });
    }

    public async Task<IActionResult> OnGetExportAsync(string id, CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        if (await types.FindAsync(id, ct) is not { } type) return NotFound();
        var json = JsonSerializer.Serialize(await types.ExportAsync(type, ct), WorkflowJson.Indented);
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"workflow-{type.Id}.json");
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        if (file is not { Length: > 0 and < 1_000_000 })
        {
            TempData.Error("请选择导出的流程 JSON 文件（小于 1 MB）。");
            return RedirectToPage();
        }
        try
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var type = await types.ImportAsync(WorkflowTypeService.ParseExport(await reader.ReadToEndAsync(ct)), ct);
            TempData.Success($"已导入「{type.Name}」。");
        }
        catch (JsonException)
        {
            TempData.Error("文件不是有效的流程 JSON。");
        }
        catch (WorkflowValidationException e)
        {
            TempData.Error("导入失败：" + string.Join(" ", e.Errors));
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetentionAsync(CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        if (RetentionDays is < 1 or > 3650)
        {
            TempData.Error("保留天数应在 1 到 3650 之间。");
            return RedirectToPage();
        }
        await documents.SaveAsync(new WorkflowSettings { RetentionDays = RetentionDays }, ct);
        TempData.Success($"已结束的实例将保留 {RetentionDays} 天。");
        return RedirectToPage();
    }

    /// <summary>Raises the test event (<c>WorkflowTest</c>) with a JSON payload, to try a type without the module that will raise its real event.</summary>
    public async Task<IActionResult> OnPostTestEventAsync(string? correlationId, string? payload, [FromServices] WorkflowManager workflows, CancellationToken ct)
    {
        if (!await MayManageAsync()) return Forbid();
        System.Text.Json.Nodes.JsonObject? input;
        try
        {
            input = string.IsNullOrWhiteSpace(payload) ? [] : System.Text.Json.Nodes.JsonNode.Parse(payload) as System.Text.Json.Nodes.JsonObject;
        }
        catch (JsonException)
        {
            input = null;
        }
        if (input is null)
        {
            TempData.Error("数据应为 JSON 对象，如 {\"No\": \"A-1\"}。");
            return RedirectToPage();
        }
        await workflows.TriggerAsync(TestEvent, input, string.IsNullOrWhiteSpace(correlationId) ? null : correlationId.Trim(), ct);
        TempData.Success($"已触发测试事件 {TestEvent}。");
        return RedirectToPage();
    }

    public const string TestEvent = "WorkflowTest";

    private Task<bool> MayManageAsync() => permissions.HasAsync(User, Permissions.ManageWorkflows);
}
