using System.Security.Claims;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Metrology.Users.Pages.Admin.Users;

/// <summary>Writes the user form to Identity, putting each error on the field it belongs to.</summary>
internal static class UserForm
{
    /// <summary>Only an administrator may give or take the Administrator role, or change an administrator's account.</summary>
    public static bool MayManage(ClaimsPrincipal editor, IEnumerable<string> roles) =>
        editor.IsInRole(StandardPermissions.AdministratorRole) || !roles.Contains(StandardPermissions.AdministratorRole);

    public static async Task<bool> ApplyAsync(UserManager<User> users, RoleManager<Role> roles, User user, UserInput input, ClaimsPrincipal editor, ModelStateDictionary errors)
    {
        var current = await users.GetRolesAsync(user);
        if (!MayManage(editor, current) || !MayManage(editor, input.Roles))
        {
            errors.AddModelError("Input.Roles", "只有管理员可以授予或取消管理员角色，或修改管理员的账号。");
            return false;
        }

        user.DisplayName = input.DisplayName?.Trim();
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(input.PhoneNumber) ? null : input.PhoneNumber.Trim();
        if (user.IsEnabled != input.IsEnabled)
        {
            user.IsEnabled = input.IsEnabled;
            await users.UpdateSecurityStampAsync(user);
        }
        var result = await users.UpdateAsync(user);
        if (!Report(result, errors, "Input.UserName")) return false;

        if (!string.IsNullOrEmpty(input.Password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            if (!Report(await users.ResetPasswordAsync(user, token, input.Password), errors, "Input.Password")) return false;
        }

        var known = roles.Roles.Select(r => r.Name!).ToHashSet();
        var wanted = input.Roles.Where(known.Contains).ToHashSet();
        if (!Report(await users.RemoveFromRolesAsync(user, current.Where(r => !wanted.Contains(r))), errors, "Input.Roles")) return false;
        return Report(await users.AddToRolesAsync(user, wanted.Where(r => !current.Contains(r))), errors, "Input.Roles");
    }

    public static bool Report(IdentityResult result, ModelStateDictionary errors, string field)
    {
        foreach (var e in result.Errors)
        {
            var key = e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                : e.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email"
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName"
                : field;
            errors.AddModelError(key, e.Description);
        }
        return result.Succeeded;
    }
}
