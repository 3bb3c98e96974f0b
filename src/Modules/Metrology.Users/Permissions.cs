using Metrology.Core.Security;

namespace Metrology.Users;

internal sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageUsers = new("ManageUsers", "管理用户", "用户与角色");
    public static readonly Permission ManageRoles = new("ManageRoles", "管理角色及其权限", "用户与角色");

    public IEnumerable<Permission> GetPermissions() => [ManageUsers, ManageRoles];
}
