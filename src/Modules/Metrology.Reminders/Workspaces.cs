using System.Security.Claims;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;

namespace Metrology.Reminders;

/// <summary>On <c>/my</c>: the enterprise's instruments due within 30 days and past valid-until that are not booked, each with one way to book them.</summary>
internal sealed class EnterpriseWorkspace(ReminderService reminders, IInstrumentRecords instruments) : IEnterpriseWorkspaceContributor
{
    public const int DueDays = 30;

    public async Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(await reminders.LocalNowAsync(ct));
        var (_, due) = await instruments.DueAsync(reminders.Unbooked(today.AddDays(DueDays), today, enterpriseId: enterpriseId), 0, 0, ct);
        var (_, overdue) = await instruments.DueAsync(reminders.Unbooked(today.AddDays(-1), enterpriseId: enterpriseId), 0, 0, ct);
        workspace.Count("逾期未检", overdue, "/my/reminders?view=overdue", 61, "已过检定有效期、尚未约检");
        workspace.Todo(overdue > 0, $"{overdue} 台器具已过检定有效期、尚未约检", "/my/reminders?view=overdue", "去约检", 58);
        workspace.Todo(due > 0, $"{due} 台器具 {DueDays} 天内到期、尚未约检", "/my/reminders", "去约检", 59);
    }
}

/// <summary>On <c>/admin</c>, for those who follow up: the instruments of their institution past valid-until and not booked.</summary>
internal sealed class StaffWorkspace(OverdueDesk desk, IInstrumentRecords instruments, PermissionService permissions) : IStaffWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await permissions.HasAsync(user, Permissions.FollowUpOverdue)) return;
        var (allowed, institution) = await desk.ScopeAsync(user, ct);
        if (!allowed) return;
        var (_, overdue) = await instruments.DueAsync(await desk.SearchAsync(institution, null, null, null, ct), 0, 0, ct);
        workspace.Count("逾期未检的强检器具", overdue, "/admin/reminders", 205, "本机构备案、尚未约检");
        workspace.Todo(overdue > 0, $"{overdue} 台强检器具已过检定有效期、尚未约检", "/admin/reminders", "去跟进", 205);
    }
}
