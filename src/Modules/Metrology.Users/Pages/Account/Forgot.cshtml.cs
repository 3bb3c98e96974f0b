using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Notifications;
using Metrology.Users.Login;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages.Account;

/// <summary>Forgot password: the mobile gets an SMS code (step 1), then code and new password (step 2).</summary>
[AllowAnonymous]
public sealed class ForgotModel(PasswordReset reset) : PageModel
{
    public const string Sent = "如该手机号已注册，验证码已通过短信发送，10 分钟内有效。";

    [BindProperty]
    public SendInput Send { get; set; } = new();

    [BindProperty]
    public ResetInput Reset { get; set; } = new();

    /// <summary>Step 2 shows once a code was asked for this number.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Mobile { get; set; }

    public bool Available { get; private set; }

    public async Task OnGetAsync()
    {
        Available = await reset.IsAvailableAsync();
        Mobile = MobileNumber.Normalize(Mobile);
        if (Mobile is not null) Send.Mobile = Reset.Mobile = Mobile;
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        Only("Send.");
        Available = await reset.IsAvailableAsync();
        if (!Available || !ModelState.IsValid) return Page();
        var mobile = MobileNumber.Normalize(Send.Mobile);
        if (mobile is null)
        {
            ModelState.AddModelError("Send.Mobile", "请输入正确的 11 位手机号码。");
            return Page();
        }
        if (await reset.SendAsync(mobile) is { } refused)
        {
            ModelState.AddModelError("Send.Mobile", refused);
            Mobile = Reset.Mobile = mobile;
            return Page();
        }
        TempData.Success(Sent);
        return RedirectToPage(new { mobile });
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        Only("Reset.");
        Available = await reset.IsAvailableAsync();
        Mobile = MobileNumber.Normalize(Reset.Mobile);
        Send.Mobile = Reset.Mobile;
        if (!Available || !ModelState.IsValid) return Page();
        if (Mobile is null)
        {
            ModelState.AddModelError("Reset.Mobile", "请输入正确的 11 位手机号码。");
            return Page();
        }
        var outcome = await reset.ResetAsync(Mobile, Reset.Code, Reset.NewPassword);
        if (!outcome.Succeeded)
        {
            if (outcome.CodeError is not null) ModelState.AddModelError("Reset.Code", outcome.CodeError);
            foreach (var e in outcome.PasswordErrors ?? []) ModelState.AddModelError("Reset.NewPassword", e);
            return Page();
        }
        TempData.Success("密码已重设，账号已解锁，请使用新密码登录。");
        return RedirectToPage("/Login");
    }

    /// <summary>Each step posts one of the two forms: the other form's fields are not asked for.</summary>
    private void Only(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    public sealed class SendInput
    {
        [Required(ErrorMessage = "请输入手机号码")]
        [Display(Name = "手机号码（登录账号）")]
        public string Mobile { get; set; } = "";
    }

    public sealed class ResetInput : NewPasswordFields
    {
        [Required(ErrorMessage = "请输入手机号码")]
        [Display(Name = "手机号码（登录账号）")]
        public string Mobile { get; set; } = "";

        [Required(ErrorMessage = "请输入短信验证码")]
        [RegularExpression(@"^\s*\d{6}\s*$", ErrorMessage = "验证码为 6 位数字")]
        [Display(Name = "短信验证码")]
        public string Code { get; set; } = "";
    }
}
