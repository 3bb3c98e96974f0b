using Metrology.Core.Security;

namespace Metrology.Notifications;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageNotifications = new("ManageNotifications", "管理短信与邮件设置、通知模板，重发失败的消息", "通知");
    public static readonly Permission ViewNotifications = new("ViewNotifications", "查看短信与邮件发送记录", "通知", ManageNotifications);

    public IEnumerable<Permission> GetPermissions() => [ManageNotifications, ViewNotifications];
}
