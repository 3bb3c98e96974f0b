using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.ReferenceData;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("基础数据", "强检目录", "/admin/catalog", Permissions.ManageCatalog, 500),
        new("基础数据", "行政区域", "/admin/regions", Permissions.ManageCatalog, 510),
        new("基础数据", "检定机构", "/admin/institutions", Permissions.ManageOwnInstitution, 520),
    ];
}
