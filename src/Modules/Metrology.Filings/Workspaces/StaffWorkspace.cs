using System.Security.Claims;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings.Workspaces;

/// <summary>Filings waiting for review at the reviewer's institution (all institutions for those who manage every one).</summary>
internal sealed class StaffWorkspace(FilingReview review, PermissionService permissions) : IStaffWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await permissions.HasAsync(user, Permissions.ReviewFilings) || await review.VisibleAsync(user, ct) is not { } visible) return;
        var waiting = await visible.CountAsync(f => f.State == FilingState.Submitted, ct);
        var lines = await visible.Where(f => f.State == FilingState.Submitted).SumAsync(f => f.LineCount - f.AcceptedCount - f.RejectedCount, ct);
        workspace.Count("备案申请待审核", waiting, "/admin/filings", 120, lines > 0 ? $"{lines} 台器具待审核" : null);
        workspace.Todo(waiting > 0, $"{waiting} 份强检备案申请待审核（{lines} 台器具）", "/admin/filings", "去审核", 120);
    }
}
