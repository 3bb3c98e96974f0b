using Metrology.Core.Admin;

namespace Metrology.Filings;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("企业与器具", "备案审核", "/admin/filings", Permissions.ReviewFilings, 305),
    ];
}
