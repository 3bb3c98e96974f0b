using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Users;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("系统管理", "用户", "/admin/users", Permissions.ManageUsers, 900),
        new("系统管理", "登录安全", "/admin/users/security", Permissions.ManageUsers, 905),
        new("系统管理", "角色与权限", "/admin/roles", Permissions.ManageRoles, 910),
    ];
}
