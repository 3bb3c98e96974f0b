using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages.Admin.Roles;

[Permission("ManageRoles")]
public sealed class CreateModel(RoleManager<Role> roles) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请输入角色名称")]
    [StringLength(64, ErrorMessage = "角色名称不能超过 64 个字符")]
    [RegularExpression(@"^[^/\\?#%&]+$", ErrorMessage = "角色名称不能包含 / \\ ? # % & 字符")]
    [Display(Name = "角色名称")]
    public string Name { get; set; } = "";

    [BindProperty]
    [StringLength(200, ErrorMessage = "说明不能超过 200 个字符")]
    [Display(Name = "说明")]
    public string? Description { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await roles.CreateAsync(new Role(Name.Trim()) { Description = Description?.Trim() });
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError(nameof(Name), e.Description);
            return Page();
        }
        TempData.Success($"角色 {Name} 已创建，请为其勾选权限。");
        return RedirectToPage("Edit", new { name = Name.Trim() });
    }
}
