using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification;

/// <summary>The enterprise's instruments at the institute on <c>/my</c>.</summary>
internal sealed class EnterpriseWorkspace(TenantDbContext db) : IEnterpriseWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct)
    {
        var mine = db.Set<VerificationTask>().AsNoTracking().Where(t => t.EnterpriseId == enterpriseId);
        var atInstitute = await mine.CountAsync(t => t.CollectedUtc == null && (t.Open || t.AppointmentKind != AppointmentKind.OnSite), ct);
        if (atInstitute == 0 && !await mine.AnyAsync(ct)) return;
        workspace.Count("在检器具", atInstitute, "/my/verification", 45, "已送检、检定中或待取回");
        var ready = await mine.CountAsync(t => t.State == TaskState.Approved && t.CollectedUtc == null && t.AppointmentKind != AppointmentKind.OnSite, ct);
        workspace.Todo(ready > 0, $"{ready} 台器具已检定，可到检定机构取回", "/my/verification", "查看", 45);
        if (await mine.AnyAsync(t => t.State == TaskState.Approved, ct)) workspace.Reached(EnterpriseStages.Verified);
    }
}

/// <summary>The counter's and the lab's work at the staff member's institution on <c>/admin</c>: 待接收, 待检定, 待核验, 待批准, overdue.</summary>
internal sealed class StaffWorkspace(SignOff signOff, IAppointmentRecords appointments, IReferenceData reference, PermissionService permissions,
    TimeProvider clock) : IStaffWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, ClaimsPrincipal user, CancellationToken ct)
    {
        var scope = await StaffScope.OfAsync(reference, user, ct);
        if (scope.None) return;
        if (await permissions.HasAsync(user, Permissions.ReceiveInstruments))
            workspace.Count("待接收", await appointments.CountAwaitingReceptionAsync(scope.All ? null : scope.InstitutionId, ct), "/admin/reception", 49, "已确认、尚未收件的约检单");
        if (!await permissions.HasAsync(user, Permissions.ViewTasks)) return;
        var open = signOff.Visible(scope).Where(t => t.Open);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var counts = await open.GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(TaskState s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        workspace.Count("待检定", Of(TaskState.Waiting), "/admin/verification?state=Waiting", 50);
        workspace.Count("待核验", Of(TaskState.Submitted), "/admin/verification?state=Submitted", 51);
        workspace.Count("待批准", Of(TaskState.Checked), "/admin/verification?state=Checked", 52);
        var overdue = await open.CountAsync(t => t.DueDate < today || t.OverdueRaisedUtc != null, ct);
        workspace.Count("已超期", overdue, "/admin/verification", 53, "超过规定时间仍未批准");
        workspace.Todo(overdue > 0, $"{overdue} 台器具超过规定时间未完成检定", "/admin/verification", "去处理", 50);
    }
}
