using Metrology.Core.Admin;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages.Admin.Users;

[Permission("ManageUsers")]
public sealed class CreateModel(UserManager<User> users, RoleManager<Role> roles, TimeProvider clock) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<string> AllRoles { get; private set; } = [];

    public void OnGet() => AllRoles = roles.Roles.OrderBy(r => r.Name).Select(r => r.Name!).ToList();

    public async Task<IActionResult> OnPostAsync()
    {
        AllRoles = roles.Roles.OrderBy(r => r.Name).Select(r => r.Name!).ToList();
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "请输入密码");
        if (!UserForm.MayManage(User, Input.Roles)) ModelState.AddModelError("Input.Roles", "只有管理员可以授予管理员角色。");
        if (!ModelState.IsValid) return Page();

        var user = new User { UserName = Input.UserName.Trim(), CreatedUtc = clock.GetUtcNow().UtcDateTime, IsEnabled = Input.IsEnabled };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!UserForm.Report(created, ModelState, "Input.UserName")) return Page();
        Input.Password = null;
        if (!await UserForm.ApplyAsync(users, roles, user, Input, User, ModelState)) return Page();
        TempData.Success($"用户 {user.UserName} 已创建。");
        return RedirectToPage("Index");
    }
}
