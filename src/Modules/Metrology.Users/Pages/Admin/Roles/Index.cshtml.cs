using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Users.Pages.Admin.Roles;

[Permission("ManageRoles")]
public sealed class IndexModel(TenantDbContext db, RoleManager<Role> roles) : PageModel
{
    public sealed record Row(string Name, string? Description, int Users, int Permissions);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Rows = await db.Roles.OrderBy(r => r.Name)
            .Select(r => new Row(r.Name!, r.Description,
                db.UserRoles.Count(ur => ur.RoleId == r.Id),
                db.RoleClaims.Count(c => c.RoleId == r.Id && c.ClaimType == Permission.ClaimType)))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string name)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null) return NotFound();
        if (role.Name == StandardPermissions.AdministratorRole)
        {
            TempData.Error("管理员角色不能删除。");
            return RedirectToPage();
        }
        await roles.DeleteAsync(role);
        TempData.Success($"角色 {name} 已删除。");
        return RedirectToPage();
    }
}
