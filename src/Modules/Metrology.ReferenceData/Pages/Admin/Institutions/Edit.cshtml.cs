using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Admin.Institutions;

/// <summary>An institution's name, addresses and phone, the regions it serves and the catalog items it verifies.</summary>
[Permission("ManageInstitutions")]
public sealed class EditModel(TenantDbContext db, CatalogService catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }

    [BindProperty, Required(ErrorMessage = "请输入机构名称"), StringLength(100, ErrorMessage = "不能超过 100 个字符"), Display(Name = "机构名称")]
    public string? Name { get; set; }

    [BindProperty, StringLength(1000, ErrorMessage = "不能超过 1000 个字符"), Display(Name = "送检地址（每行一个）")]
    public string? Addresses { get; set; }

    [BindProperty, StringLength(100, ErrorMessage = "不能超过 100 个字符"), Display(Name = "电话")]
    public string? Phone { get; set; }

    [BindProperty, StringLength(500, ErrorMessage = "不能超过 500 个字符"), Display(Name = "说明")]
    public string? Description { get; set; }

    [BindProperty] public List<string> Regions { get; set; } = [];
    [BindProperty] public List<string> Capabilities { get; set; } = [];

    public IReadOnlyList<Region> AllRegions { get; private set; } = [];
    public IReadOnlyList<CatalogItem> Verifiable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Id is null) return Page();
        var institution = await db.Set<Institution>().FindAsync([Id], ct);
        if (institution is null) return NotFound();
        (Name, Addresses, Phone, Description) = (institution.Name, institution.Addresses, institution.Phone, institution.Description);
        Regions = await db.Set<InstitutionRegion>().Where(r => r.InstitutionId == Id).Select(r => r.RegionCode).ToListAsync(ct);
        Capabilities = await db.Set<InstitutionCapability>().Where(c => c.InstitutionId == Id)
            .Join(db.Set<CatalogItem>(), c => c.CatalogItemId, i => i.Id, (c, i) => i.Code).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Name is not null && await db.Set<Institution>().AnyAsync(i => i.Name == Name.Trim() && i.Id != Id, ct))
            ModelState.AddModelError(nameof(Name), $"机构「{Name}」已存在。");
        foreach (var code in Capabilities.Distinct())
        {
            // Only items under mandatory verification can be verified by an institution.
            if (await catalog.CheckVerifiableAsync(code, ct) is { } problem) ModelState.AddModelError(nameof(Capabilities), problem);
        }
        var unknownRegion = Regions.FirstOrDefault(code => AllRegions.All(r => r.Code != code));
        if (unknownRegion is not null) ModelState.AddModelError(nameof(Regions), $"区域「{unknownRegion}」不存在。");
        if (!ModelState.IsValid) return Page();

        var institution = Id is null ? new Institution() : await db.Set<Institution>().FindAsync([Id], ct);
        if (institution is null) return NotFound();
        institution.Name = Name!.Trim();
        institution.Addresses = string.Join("\n", (Addresses ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        institution.Phone = Phone?.Trim();
        institution.Description = Description?.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (Id is null) db.Add(institution);
        await db.SaveChangesAsync(ct);
        await db.Set<InstitutionRegion>().Where(r => r.InstitutionId == institution.Id).ExecuteDeleteAsync(ct);
        await db.Set<InstitutionCapability>().Where(c => c.InstitutionId == institution.Id).ExecuteDeleteAsync(ct);
        db.AddRange(Regions.Distinct().Select(c => new InstitutionRegion { InstitutionId = institution.Id, RegionCode = c }));
        db.AddRange(Verifiable.Where(i => Capabilities.Contains(i.Code)).Select(i => new InstitutionCapability { InstitutionId = institution.Id, CatalogItemId = i.Id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData.Success($"机构「{institution.Name}」已保存。");
        return RedirectToPage("Index");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        AllRegions = await db.Set<Region>().AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct);
        Verifiable = await catalog.Items.Where(i => i.Marking != ControlMarking.P).OrderBy(i => i.Group).ThenBy(i => i.Code).ToListAsync(ct);
    }
}
