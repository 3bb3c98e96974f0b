using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Enterprises;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() => [new("企业与器具", "企业用户", "/admin/enterprises", Permissions.ViewEnterprises, 300)];
}
