using System.ComponentModel.DataAnnotations;

namespace Metrology.Core.Setup;

/// <summary>The fields every setup form asks for (the setup page and the tenants page), with their rules.</summary>
public abstract class SetupAccountInput
{
    [Required(ErrorMessage = "请输入站点名称")]
    [StringLength(100, ErrorMessage = "站点名称不能超过 100 个字符")]
    [Display(Name = "站点名称")]
    public string SiteName { get; set; } = "";

    [Required(ErrorMessage = "请输入管理员用户名")]
    [RegularExpression(@"^[A-Za-z0-9._@+-]{2,64}$", ErrorMessage = "用户名须为 2–64 个字母、数字或 ._@+- 字符")]
    [Display(Name = "管理员用户名")]
    public string AdminUserName { get; set; } = "admin";

    [Required(ErrorMessage = "请输入管理员邮箱")]
    [EmailAddress(ErrorMessage = "电子邮箱格式不正确")]
    [Display(Name = "管理员邮箱")]
    public string AdminEmail { get; set; } = "";

    /// <summary>The message when a password breaks the site's rule (8 or more characters with a digit), else null.</summary>
    public static string? PasswordProblem(string? password) =>
        string.IsNullOrEmpty(password) || (password.Length >= 8 && password.Any(char.IsAsciiDigit)) ? null : "密码至少 8 位，且须包含数字";
}
