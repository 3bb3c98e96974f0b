using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Users.Login;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages.Admin.Users;

[Permission("ManageUsers")]
public sealed class EditModel(UserManager<User> users, RoleManager<Role> roles, LoginRules rules) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<string> AllRoles { get; private set; } = [];

    public bool LockedOut { get; private set; }

    /// <summary>Locked until the password is reset, not only cooling off.</summary>
    public bool LockedUntilReset { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await LoadAsync(user);
        Input = new UserInput
        {
            UserName = user.UserName!,
            DisplayName = user.DisplayName,
            Email = user.Email,
            PhoneNumber = user.PhoneNumber,
            IsEnabled = user.IsEnabled,
            Roles = (await users.GetRolesAsync(user)).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await LoadAsync(user);
        Input.UserName = user.UserName!;
        if (user.Id == users.GetUserId(User))
        {
            if (!Input.IsEnabled) ModelState.AddModelError("Input.IsEnabled", "不能停用自己的账号。");
            if (await users.IsInRoleAsync(user, StandardPermissions.AdministratorRole) && !Input.Roles.Contains(StandardPermissions.AdministratorRole))
                ModelState.AddModelError("Input.Roles", "不能取消自己的管理员角色。");
        }
        if (!ModelState.IsValid) return Page();
        if (!await UserForm.ApplyAsync(users, roles, user, Input, User, ModelState)) return Page();
        TempData.Success($"用户 {user.UserName} 已保存。");
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (!UserForm.MayManage(User, await users.GetRolesAsync(user))) return Forbid();
        LoginRules.Clear(user);
        await users.UpdateAsync(user);
        TempData.Success($"用户 {user.UserName} 已解锁。");
        return RedirectToPage("Edit", new { id });
    }

    private async Task LoadAsync(User user)
    {
        AllRoles = roles.Roles.OrderBy(r => r.Name).Select(r => r.Name!).ToList();
        LockedOut = rules.IsBlocked(user);
        LockedUntilReset = user.LockedUntilReset;
    }
}
