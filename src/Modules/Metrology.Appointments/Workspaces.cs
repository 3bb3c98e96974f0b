using System.Security.Claims;
using Metrology.Appointments.Models;
using Metrology.Core.Data;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

/// <summary>The enterprise's open appointments on <c>/my</c>.</summary>
internal sealed class EnterpriseWorkspace(TenantDbContext db) : IEnterpriseWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct)
    {
        var mine = db.Set<AppointmentIndex>().AsNoTracking().Where(a => a.EnterpriseId == enterpriseId);
        var waiting = await mine.CountAsync(a => a.State == AppointmentState.Submitted, ct);
        var confirmed = await mine.CountAsync(a => a.State == AppointmentState.Confirmed, ct);
        workspace.Count("约检待确认", waiting, "/my/appointments?state=Submitted", 40);
        workspace.Count("约检已确认", confirmed, "/my/appointments?state=Confirmed", 41, "打印预约单后送检或等待现场检定");
        if (waiting + confirmed > 0 || await mine.AnyAsync(a => a.State >= AppointmentState.Received, ct)) workspace.Reached(EnterpriseStages.Booked);
    }
}

/// <summary>The bookings that wait for this staff member's institution on <c>/admin</c>.</summary>
internal sealed class StaffWorkspace(AppointmentDesk desk, PermissionService permissions) : IStaffWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await permissions.HasAsync(user, Permissions.ConfirmAppointments) || await desk.VisibleAsync(user, ct) is not { } visible) return;
        var waiting = await visible.CountAsync(a => a.State == AppointmentState.Submitted, ct);
        workspace.Count("约检待确认", waiting, "/admin/appointments", 40);
        workspace.Todo(waiting > 0, $"{waiting} 份约检待确认", "/admin/appointments", "去确认", 40);
    }
}
