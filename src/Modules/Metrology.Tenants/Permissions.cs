using Metrology.Core.Security;

namespace Metrology.Tenants;

internal sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageTenants = new("ManageTenants", "管理各地区站点（租户）", "租户管理");

    public IEnumerable<Permission> GetPermissions() => [ManageTenants];
}
