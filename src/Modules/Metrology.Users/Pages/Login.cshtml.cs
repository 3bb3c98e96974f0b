using System.ComponentModel.DataAnnotations;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, TimeProvider clock) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await users.FindByNameAsync(Input.UserName.Trim());
            if (user is { MustChangePassword: true }) return RedirectToPage("/Account/Password", new { ReturnUrl });
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/"));
        }
        ModelState.AddModelError(string.Empty, await FailureMessageAsync(result));
        return Page();
    }

    private async Task<string> FailureMessageAsync(Microsoft.AspNetCore.Identity.SignInResult result)
    {
        var user = await users.FindByNameAsync(Input.UserName.Trim());
        // Said only to whoever knows the password: the account's state is nobody else's business.
        if (result.IsNotAllowed)
            return user is not null && await users.CheckPasswordAsync(user, Input.Password) ? "该账号已停用，请联系管理员。" : "用户名或密码不正确。";
        if (result.IsLockedOut && user?.LockoutEnd is { } end)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((end - clock.GetUtcNow()).TotalMinutes));
            return $"连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试。";
        }
        return "用户名或密码不正确。";
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
