using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Admin;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("工作台", "工作台", "/admin", StandardPermissions.AccessAdminPanel, 0),
        new("系统管理", "站点设置", "/admin/settings", Permissions.ManageSettings, 920),
        new("系统管理", "系统信息", "/admin/system", Permissions.ManageSettings, 990),
    ];
}
