using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Admin.Institutions;

/// <summary>Which staff users belong to the institution, and to which of its departments.</summary>
[Permission("ManageOwnInstitution")]
public sealed class StaffModel(TenantDbContext db) : InstitutionPage
{
    public sealed record Member(string UserId, string? UserName, string? DisplayName, IReadOnlyList<int> Departments);

    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public List<int> DepartmentIds { get; set; } = [];

    public IReadOnlyList<Member> Members { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public Task OnGetAsync([FromRoute] int id, CancellationToken ct) => LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAsync([FromRoute] int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var user = string.IsNullOrWhiteSpace(UserName) ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == UserName.Trim(), ct);
        if (user is null) ModelState.AddModelError(nameof(UserName), $"用户「{UserName}」不存在。");
        else if (await db.Set<StaffAssignment>().AnyAsync(a => a.UserId == user.Id && a.InstitutionId != id, ct))
            ModelState.AddModelError(nameof(UserName), $"用户「{UserName}」已属于其他机构，须由该机构先移除。");
        var foreign = DepartmentIds.Where(d => Departments.All(x => x.Id != d)).ToList();
        if (foreign.Count > 0) ModelState.AddModelError(nameof(DepartmentIds), "只能选择本机构的部门。");
        if (!ModelState.IsValid || user is null) return Page();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Set<StaffAssignment>().AnyAsync(a => a.UserId == user.Id, ct)) db.Add(new StaffAssignment { UserId = user.Id, InstitutionId = id });
        await db.Set<StaffDepartment>().Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
        db.AddRange(DepartmentIds.Distinct().Select(d => new StaffDepartment { UserId = user.Id, DepartmentId = d }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData.Success($"已将 {user.UserName} 分配到本机构。");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromRoute] int id, string userId, CancellationToken ct)
    {
        // Removed through the change tracker, not ExecuteDelete: the save of an access record is what empties the cached scope.
        var assignment = await db.Set<StaffAssignment>().FirstOrDefaultAsync(a => a.UserId == userId && a.InstitutionId == id, ct);
        if (assignment is null) return NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Remove(assignment);
        await db.Set<StaffDepartment>().Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData.Success("已从本机构移除。");
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Departments = await db.Set<Department>().AsNoTracking().Where(d => d.InstitutionId == id).OrderBy(d => d.Name).ToListAsync(ct);
        var members = await db.Set<StaffAssignment>().Where(a => a.InstitutionId == id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        var ids = members.Select(m => m.Id).ToList();
        var links = await db.Set<StaffDepartment>().Where(s => ids.Contains(s.UserId)).ToListAsync(ct);
        Members = members.Select(m => new Member(m.Id, m.UserName, m.DisplayName, links.Where(l => l.UserId == m.Id).Select(l => l.DepartmentId).ToList()))
            .OrderBy(m => m.UserName).ToList();
    }
}
