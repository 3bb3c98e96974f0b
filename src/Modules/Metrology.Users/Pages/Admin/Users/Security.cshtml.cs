using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Users.Login;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Users.Pages.Admin.Users;

/// <summary>The tenant's login rules (登录安全): cooling-off, lock, reset code sends.</summary>
[Permission("ManageUsers")]
public sealed class SecurityModel(DocumentStore documents) : PageModel
{
    [BindProperty]
    public SecurityInput Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        var s = await documents.GetAsync<LoginSettings>();
        Input = new SecurityInput { CoolingOffAfter = s.CoolingOffAfter, CoolingOffMinutes = s.CoolingOffMinutes, LockAfter = s.LockAfter, CodesPerHour = s.CodesPerHour };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid && Input.LockAfter <= Input.CoolingOffAfter)
            ModelState.AddModelError("Input.LockAfter", "锁定账号的失败次数须大于暂停登录的失败次数。");
        if (!ModelState.IsValid) return Page();
        var current = await documents.GetAsync<LoginSettings>();
        await documents.SaveAsync(current with
        {
            CoolingOffAfter = Input.CoolingOffAfter,
            CoolingOffMinutes = Input.CoolingOffMinutes,
            LockAfter = Input.LockAfter,
            CodesPerHour = Input.CodesPerHour,
        });
        TempData.Success("登录安全设置已保存。");
        return RedirectToPage();
    }

    public sealed class SecurityInput
    {
        [Range(1, 100, ErrorMessage = "请输入 1–100 之间的次数")]
        [Display(Name = "连续失败多少次后暂停登录")]
        public int CoolingOffAfter { get; set; }

        [Range(1, 1440, ErrorMessage = "请输入 1–1440 之间的分钟数")]
        [Display(Name = "暂停登录时长（分钟）")]
        public int CoolingOffMinutes { get; set; }

        [Range(2, 100, ErrorMessage = "请输入 2–100 之间的次数")]
        [Display(Name = "连续失败多少次后锁定账号（需重设密码解锁）")]
        public int LockAfter { get; set; }

        [Range(1, 20, ErrorMessage = "请输入 1–20 之间的次数")]
        [Display(Name = "同一手机号每小时最多获取验证码次数")]
        public int CodesPerHour { get; set; }
    }
}
