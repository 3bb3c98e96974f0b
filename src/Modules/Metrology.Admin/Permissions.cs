using Metrology.Core.Security;

namespace Metrology.Admin;

internal sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageSettings = new("ManageSettings", "修改站点设置", "系统");

    public IEnumerable<Permission> GetPermissions() => [ManageSettings];
}
