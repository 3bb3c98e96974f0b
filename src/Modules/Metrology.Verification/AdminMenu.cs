using Metrology.Core.Admin;

namespace Metrology.Verification;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("企业与器具", "收件与取回", "/admin/reception", Permissions.ReceiveInstruments, 307),
        new("企业与器具", "检定任务", "/admin/verification", Permissions.ViewTasks, 308),
    ];
}
