using Metrology.Core.Security;

namespace Metrology.Reminders;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageReminders = new("ManageReminders", "设置到期提醒：提前天数、逾期提醒、短信与邮件、免打扰时段", "到期提醒");
    public static readonly Permission FollowUpOverdue = new("FollowUpOverdue", "查看本机构逾期未检的强检器具，导出，立即提醒企业", "到期提醒");

    /// <summary>The enterprise's side (到期器具, 提醒方式) goes with booking: an account that may book sees what is due.</summary>
    public const string BookAppointments = "BookAppointments";

    public IEnumerable<Permission> GetPermissions() => [ManageReminders, FollowUpOverdue];
}
