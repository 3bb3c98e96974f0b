using System.ComponentModel.DataAnnotations;

namespace Metrology.Users.Pages.Admin.Users;

/// <summary>The fields of the user form, shared by create and edit.</summary>
public sealed class UserInput
{
    [Required(ErrorMessage = "请输入用户名")]
    [RegularExpression(@"^[A-Za-z0-9._@+-]{2,64}$", ErrorMessage = "用户名须为 2–64 个字母、数字或 ._@+- 字符")]
    [Display(Name = "用户名")]
    public string UserName { get; set; } = "";

    [StringLength(100, ErrorMessage = "姓名不能超过 100 个字符")]
    [Display(Name = "姓名")]
    public string? DisplayName { get; set; }

    [EmailAddress(ErrorMessage = "电子邮箱格式不正确")]
    [Display(Name = "电子邮箱")]
    public string? Email { get; set; }

    [RegularExpression(@"^1[3-9]\d{9}$", ErrorMessage = "请输入 11 位中国大陆手机号")]
    [Display(Name = "手机号")]
    public string? PhoneNumber { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string? Password { get; set; }

    [Display(Name = "启用")]
    public bool IsEnabled { get; set; } = true;

    public List<string> Roles { get; set; } = [];
}
