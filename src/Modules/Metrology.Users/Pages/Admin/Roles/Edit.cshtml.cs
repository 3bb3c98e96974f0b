using System.Security.Claims;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages.Admin.Roles;

[Permission("ManageRoles")]
public sealed class EditModel(RoleManager<Role> roles, PermissionService permissions) : PageModel
{
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<string> Granted { get; set; } = [];

    public string RoleName { get; private set; } = "";
    public bool IsAdministrator => RoleName == StandardPermissions.AdministratorRole;
    public IReadOnlyList<IGrouping<string, Permission>> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string name)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null) return NotFound();
        await LoadAsync(role);
        Description = role.Description;
        Granted = (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permission.ClaimType).Select(c => c.Value).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null) return NotFound();
        await LoadAsync(role);
        if (Description?.Length > 200) ModelState.AddModelError(nameof(Description), "说明不能超过 200 个字符");
        if (!ModelState.IsValid) return Page();

        role.Description = Description?.Trim();
        await roles.UpdateAsync(role);
        if (!IsAdministrator)
        {
            // An editor grants or revokes only permissions they hold themselves.
            var held = new HashSet<string>();
            foreach (var p in await permissions.AllAsync()) if (await permissions.HasAsync(User, p)) held.Add(p.Name);
            var claims = (await roles.GetClaimsAsync(role)).Where(c => c.Type == Permission.ClaimType).ToList();
            var wanted = Granted.Where(held.Contains).Union(claims.Select(c => c.Value).Where(v => !held.Contains(v))).ToHashSet();
            foreach (var c in claims.Where(c => !wanted.Contains(c.Value))) await roles.RemoveClaimAsync(role, c);
            foreach (var p in wanted.Where(p => claims.All(c => c.Value != p))) await roles.AddClaimAsync(role, new Claim(Permission.ClaimType, p));
        }
        TempData.Success($"角色 {role.Name} 已保存。");
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(Role role)
    {
        RoleName = role.Name!;
        Categories = (await permissions.AllAsync()).GroupBy(p => p.Category).ToList();
    }
}
