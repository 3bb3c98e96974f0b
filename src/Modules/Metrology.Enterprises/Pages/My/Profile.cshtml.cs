using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises.Pages.My;

/// <summary>
/// The enterprise's own profile: e-mail (certificates go there), address and departments. Name, legal
/// person and contact change only through a change request with documents.
/// </summary>
[Authorize]
public sealed class ProfileModel(TenantDbContext db, EnterpriseDirectory current) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Departments { get; set; }

    public Enterprise Enterprise { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await current.CurrentRecordAsync(User, ct) is not { } enterprise) return Forbid();
        Enterprise = enterprise;
        (Email, Address, Departments) = (enterprise.Email, enterprise.Address, string.Join('\n', enterprise.DepartmentList));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await current.CurrentRecordAsync(User, ct) is not { } found) return Forbid();
        Enterprise = found;
        var departments = (Departments ?? "").Split(['\n', '、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        foreach (var d in departments.Where(d => d.Length > 8)) ModelState.AddModelError(nameof(Departments), $"部门名称「{d}」超过 8 个字，请缩短。");
        if (departments.Count > 50) ModelState.AddModelError(nameof(Departments), "部门最多 50 个。");
        if (!string.IsNullOrWhiteSpace(Email) && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(Email.Trim()))
            ModelState.AddModelError(nameof(Email), "电子邮箱格式不正确，电子证书将发送到这里。");
        if ((Address?.Trim().Length ?? 0) > 200) ModelState.AddModelError(nameof(Address), "地址不能超过 200 个字。");
        if (!ModelState.IsValid) return Page();
        var enterprise = await db.Set<Enterprise>().FirstAsync(e => e.Id == found.Id, ct);
        (enterprise.Email, enterprise.Address, enterprise.Departments) = (Email?.Trim(), Address?.Trim(), string.Join('\n', departments));
        await db.SaveChangesAsync(ct);
        TempData.Success("资料已保存。");
        return RedirectToPage();
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
