using System.ComponentModel.DataAnnotations;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;
using Metrology.Users.Login;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages;

[AllowAnonymous]
public sealed class LoginModel(LoginRules rules, SignInManager<User> signIn, WorkspaceService workspaces) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var attempt = await rules.SignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe);
        if (!attempt.Succeeded)
        {
            ModelState.AddModelError(string.Empty, attempt.Message!);
            return Page();
        }
        if (attempt.User is { MustChangePassword: true }) return RedirectToPage("/Account/Password", new { ReturnUrl });
        if (Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        // An enterprise lands on its workspace, staff on theirs (the cookie is not read back before the next request).
        var principal = await signIn.CreateUserPrincipalAsync(attempt.User!);
        return LocalRedirect(Url.Content("~" + await workspaces.LandingAsync(principal, HttpContext.RequestAborted)));
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "请输入用户名或手机号")]
        [Display(Name = "用户名 / 手机号")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请输入密码")]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = "";

        [Display(Name = "记住我")]
        public bool RememberMe { get; set; }
    }
}
