using Metrology.Core.Admin;

namespace Metrology.Reminders;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("企业与器具", "逾期未检", "/admin/reminders", Permissions.FollowUpOverdue, 312),
        new("通知", "到期提醒设置", "/admin/reminders/settings", Permissions.ManageReminders, 740),
    ];
}
