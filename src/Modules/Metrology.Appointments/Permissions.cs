using Metrology.Core.Security;

namespace Metrology.Appointments;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission BookAppointments = new("BookAppointments", "为本企业已备案的器具约检（自助送检、预约送检、预约现场检定）", "约检");
    public static readonly Permission ConfirmAppointments = new("ConfirmAppointments", "查看本机构的约检单，确认或拒绝本部门负责的约检", "约检");

    public IEnumerable<Permission> GetPermissions() => [BookAppointments, ConfirmAppointments];
}
