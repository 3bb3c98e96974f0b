using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Tenants;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("租户管理", "租户", "/admin/tenants", Permissions.ManageTenants, 100),
        new("租户管理", "租户概况", "/admin/tenants/dashboard", Permissions.ManageTenants, 110),
        new("租户管理", "操作日志", "/admin/tenants/audit", Permissions.ManageTenants, 120),
    ];
}
