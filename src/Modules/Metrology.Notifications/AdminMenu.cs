using Metrology.Core.Admin;
using Metrology.Core.Security;

namespace Metrology.Notifications;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("通知", "发送记录", "/admin/notifications", Permissions.ViewNotifications, 700),
        new("通知", "通知模板", "/admin/notifications/templates", Permissions.ManageNotifications, 710),
        new("通知", "短信设置", "/admin/notifications/sms", Permissions.ManageNotifications, 720),
        new("通知", "邮件设置", "/admin/notifications/email", Permissions.ManageNotifications, 730),
    ];
}
