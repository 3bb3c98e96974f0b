using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Admin.Regions;

[Permission("ManageCatalog")]
public sealed class EditModel(TenantDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请输入区域代码")]
    [RegularExpression("^[1-9][0-9]{5}$", ErrorMessage = "区域代码应为 6 位数字（GB/T 2260）")]
    [Display(Name = "区域代码")]
    public string? NewCode { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请输入区域名称")]
    [StringLength(50, ErrorMessage = "不能超过 50 个字符")]
    [Display(Name = "区域名称")]
    public string? Name { get; set; }

    [BindProperty]
    [RegularExpression("^[1-9][0-9]{5}$", ErrorMessage = "上级代码应为 6 位数字")]
    [Display(Name = "上级区域")]
    public string? ParentCode { get; set; }

    public bool IsNew => Code is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Code is null) return Page();
        var region = await db.Set<Region>().FindAsync([Code], ct);
        if (region is null) return NotFound();
        (NewCode, Name, ParentCode) = (region.Code, region.Name, region.ParentCode);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Code is not null) NewCode = Code;
        if (IsNew && NewCode is not null && await db.Set<Region>().AnyAsync(r => r.Code == NewCode, ct))
            ModelState.AddModelError(nameof(NewCode), $"区域代码「{NewCode}」已存在。");
        if (ParentCode is not null && (ParentCode == NewCode || !await db.Set<Region>().AnyAsync(r => r.Code == ParentCode, ct)))
            ModelState.AddModelError(nameof(ParentCode), $"上级区域「{ParentCode}」不存在。");
        if (!ModelState.IsValid) return Page();

        var region = IsNew ? new Region { Code = NewCode! } : await db.Set<Region>().FindAsync([Code], ct);
        if (region is null) return NotFound();
        region.Name = Name!.Trim();
        region.ParentCode = ParentCode;
        if (IsNew) db.Add(region);
        await db.SaveChangesAsync(ct);
        TempData.Success($"区域 {region.Code} {region.Name} 已保存。");
        return RedirectToPage("Index");
    }
}
