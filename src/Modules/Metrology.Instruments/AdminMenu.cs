using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Instruments;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() => [new("企业与器具", "器具", "/admin/instruments", Permissions.ViewInstruments, 310)];
}
