using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises.Pages.Admin.Enterprises;

/// <summary>An enterprise with its documents (images inline, PDFs viewable), and the review of a pending registration.</summary>
[Permission("ViewEnterprises")]
public sealed class DetailsModel(TenantDbContext db, Registration registration, ChangeRequests changes, PermissionService permissions) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<(int Id, DocumentKind Kind, string FileName, string ContentType, int Length, int? ChangeRequestId)> Documents { get; private set; } = [];
    public IReadOnlyList<ChangeRequest> Changes { get; private set; } = [];
    public bool MayReview { get; private set; }
    public bool MayManage { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A document, shown inline (images, PDF) to staff who may see the enterprise.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(int id, int document, CancellationToken ct)
    {
        var doc = await db.Set<EnterpriseDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == document && d.EnterpriseId == id, ct);
        if (doc is null) return NotFound();
        Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(doc.FileName)}";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(doc.Content, doc.ContentType);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageEnterprises)) return Forbid();
        if (await registration.ApproveAsync(id, User.Identity!.Name!, ct)) TempData.Success("已审核通过，账号已启用，短信已发出。");
        else TempData.Error("该注册申请不在待审核状态。");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageEnterprises)) return Forbid();
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > 200)
        {
            ModelState.AddModelError(nameof(Reason), "请填写退回原因（200 字以内），企业会在短信中看到。");
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        if (await registration.ReturnAsync(id, Reason, User.Identity!.Name!, ct)) TempData.Success("已退回，短信已告知原因。");
        else TempData.Error("该注册申请不在待审核状态。");
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostApproveChangeAsync(int id, int change, CancellationToken ct) => DecideAsync(id, change, true, ct);

    public Task<IActionResult> OnPostRejectChangeAsync(int id, int change, CancellationToken ct) => DecideAsync(id, change, false, ct);

    private async Task<IActionResult> DecideAsync(int id, int change, bool approve, CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageEnterprises)) return Forbid();
        if (!approve && string.IsNullOrWhiteSpace(Reason))
        {
            TempData.Error("请填写不通过的原因，企业会在短信中看到。");
            return RedirectToPage(new { id });
        }
        if (await changes.DecideAsync(id, change, approve, Reason, User.Identity!.Name!, ct))
            TempData.Success(approve ? "资料变更已通过并生效，原资料已记入变更记录。" : "资料变更未通过，短信已告知原因。");
        else TempData.Error("该变更申请不在待审核状态。");
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostDisableAsync(int id, CancellationToken ct) => SetEnabledAsync(id, false, ct);

    public Task<IActionResult> OnPostEnableAsync(int id, CancellationToken ct) => SetEnabledAsync(id, true, ct);

    private async Task<IActionResult> SetEnabledAsync(int id, bool enabled, CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageEnterprises)) return Forbid();
        if (await registration.SetEnabledAsync(id, enabled, ct)) TempData.Success(enabled ? "账号已启用。" : "账号已停用，该企业不能再登录。");
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Set<Enterprise>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is not { } enterprise) return false;
        Enterprise = enterprise;
        Documents = (await db.Set<EnterpriseDocument>().AsNoTracking().Where(d => d.EnterpriseId == id).OrderBy(d => d.Kind)
            .Select(d => new { d.Id, d.Kind, d.FileName, d.ContentType, d.Content.Length, d.ChangeRequestId }).ToListAsync(ct))
            .Select(d => (d.Id, d.Kind, d.FileName, d.ContentType, d.Length, d.ChangeRequestId)).ToList();
        Changes = await changes.OfAsync(id, ct);
        MayManage = await permissions.HasAsync(User, Permissions.ManageEnterprises);
        MayReview = enterprise.Status == EnterpriseStatus.Pending && MayManage;
        return true;
    }
}
