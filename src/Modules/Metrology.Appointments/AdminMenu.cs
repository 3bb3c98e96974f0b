using Metrology.Core.Admin;

namespace Metrology.Appointments;

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("企业与器具", "约检确认", "/admin/appointments", Permissions.ConfirmAppointments, 306),
    ];
}
