using System.ComponentModel.DataAnnotations;

namespace Metrology.Users.Pages.Account;

/// <summary>A new password typed twice: the part the change-password and reset forms share.</summary>
public abstract class NewPasswordFields
{
        [Required(ErrorMessage = "请输入新密码")]
        [DataType(DataType.Password)]
        [Display(Name = "新密码")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "请再次输入新密码")]
        [Compare(nameof(NewPassword), ErrorMessage = "两次输入的新密码不一致")]
        [DataType(DataType.Password)]
        [Display(Name = "确认新密码")]
        public string ConfirmPassword { get; set; } = "";
}
