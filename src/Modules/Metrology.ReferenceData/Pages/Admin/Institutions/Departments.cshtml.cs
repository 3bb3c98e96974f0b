using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Admin.Institutions;

/// <summary>An institution's departments and laboratories, with their phones and what each handles.</summary>
[Permission("ManageOwnInstitution")]
public sealed class DepartmentsModel(TenantDbContext db) : InstitutionPage
{
    [BindProperty] public DepartmentInput Input { get; set; } = new();

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync([FromRoute] int id, int? edit, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Departments.FirstOrDefault(d => d.Id == edit) is { } d)
            Input = new DepartmentInput { Id = d.Id, Name = d.Name, Phones = d.Phones, Notes = d.Notes, Discipline = d.Discipline,
                Duties = Labels.Duties.Where(x => d.Duties.HasFlag(x.Duty)).Select(x => x.Duty).ToList() };
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Input.Name is not null && Departments.Any(d => d.Name == Input.Name.Trim() && d.Id != Input.Id))
            ModelState.AddModelError("Input.Name", $"本机构已有部门「{Input.Name}」。");
        if (!ModelState.IsValid) return Page();
        var department = Input.Id == 0 ? new Department { InstitutionId = id } : await db.Set<Department>().FirstOrDefaultAsync(d => d.Id == Input.Id && d.InstitutionId == id, ct);
        if (department is null) return NotFound();
        department.Name = Input.Name!.Trim();
        department.Phones = Input.Phones?.Trim();
        department.Notes = Input.Notes?.Trim();
        department.Discipline = Input.Discipline;
        department.Duties = Input.Duties.Aggregate(DepartmentDuty.None, (all, d) => all | d);
        if (department.Id == 0) db.Add(department);
        await db.SaveChangesAsync(ct);
        TempData.Success($"部门「{department.Name}」已保存。");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromRoute] int id, int departmentId, CancellationToken ct)
    {
        var removed = await db.Set<Department>().Where(d => d.Id == departmentId && d.InstitutionId == id).ExecuteDeleteAsync(ct);
        if (removed == 0) return NotFound();
        await db.Set<StaffDepartment>().Where(s => s.DepartmentId == departmentId).ExecuteDeleteAsync(ct);
        TempData.Success("部门已删除。");
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken ct) =>
        Departments = await db.Set<Department>().AsNoTracking().Where(d => d.InstitutionId == id).OrderBy(d => d.Name).ToListAsync(ct);

    public sealed class DepartmentInput
    {
        public int Id { get; set; }

        [Required(ErrorMessage = "请输入部门名称"), StringLength(50, ErrorMessage = "不能超过 50 个字符"), Display(Name = "部门 / 实验室")]
        public string? Name { get; set; }

        [StringLength(200, ErrorMessage = "不能超过 200 个字符"), Display(Name = "电话")]
        public string? Phones { get; set; }

        [StringLength(500, ErrorMessage = "不能超过 500 个字符"), Display(Name = "备注")]
        public string? Notes { get; set; }

        [Display(Name = "专业")]
        public Discipline Discipline { get; set; }

        public List<DepartmentDuty> Duties { get; set; } = [];
    }
}
