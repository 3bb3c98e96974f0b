using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Core.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Admin.Pages.Admin;

[Permission("ManageSettings")]
public sealed class SettingsModel(SiteSettingsService settings) : PageModel
{
    public const long MaxLogoBytes = 512 * 1024;

    public static readonly IReadOnlyList<(string Id, string Name)> TimeZones =
    [
        ("Asia/Shanghai", "北京时间（UTC+8）"),
        ("Asia/Urumqi", "乌鲁木齐时间（UTC+6）"),
    ];

    [BindProperty] public SettingsInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Logo { get; set; }
    [BindProperty] public bool RemoveLogo { get; set; }

    public string? LogoVersion { get; private set; }

    public async Task OnGetAsync()
    {
        var s = await settings.GetAsync();
        LogoVersion = s.LogoVersion;
        Input = new SettingsInput { SiteName = s.SiteName, TimeZoneId = s.TimeZoneId, Address = s.Address, Phone = s.Phone, Email = s.Email };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var current = await settings.GetAsync();
        LogoVersion = current.LogoVersion;
        if (TimeZones.All(z => z.Id != Input.TimeZoneId)) ModelState.AddModelError("Input.TimeZoneId", "请选择时区");
        byte[]? logoBytes = null;
        if (Logo is not null)
        {
            var error = await UploadCheck.CheckAsync(Logo, UploadCheck.Images, MaxLogoBytes);
            if (error is not null) ModelState.AddModelError(nameof(Logo), error);
            else
            {
                using var buffer = new MemoryStream();
                await Logo.CopyToAsync(buffer);
                logoBytes = buffer.ToArray();
            }
        }
        if (!ModelState.IsValid) return Page();

        await settings.SaveAsync(current with
        {
            SiteName = Input.SiteName.Trim(),
            TimeZoneId = Input.TimeZoneId,
            Address = Input.Address?.Trim(),
            Phone = Input.Phone?.Trim(),
            Email = Input.Email?.Trim(),
            LogoVersion = RemoveLogo ? null : current.LogoVersion,
        });
        if (logoBytes is not null) await settings.SaveLogoAsync(new SiteLogo { Bytes = logoBytes, ContentType = UploadCheck.ContentType(Logo!.FileName) });
        else if (RemoveLogo) await settings.SaveLogoAsync(new SiteLogo());
        TempData.Success("站点设置已保存。");
        return RedirectToPage();
    }

    public sealed class SettingsInput
    {
        [Required(ErrorMessage = "请输入站点名称")]
        [StringLength(100, ErrorMessage = "站点名称不能超过 100 个字符")]
        [Display(Name = "站点名称")]
        public string SiteName { get; set; } = "";

        [Display(Name = "时区")]
        public string TimeZoneId { get; set; } = "Asia/Shanghai";

        [StringLength(200, ErrorMessage = "地址不能超过 200 个字符")]
        [Display(Name = "地址")]
        public string? Address { get; set; }

        [StringLength(100, ErrorMessage = "电话不能超过 100 个字符")]
        [Display(Name = "联系电话")]
        public string? Phone { get; set; }

        [EmailAddress(ErrorMessage = "电子邮箱格式不正确")]
        [Display(Name = "电子邮箱")]
        public string? Email { get; set; }
    }
}
