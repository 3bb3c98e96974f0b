using Metrology.Core.Data;
using Metrology.Core.Workspaces;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings.Workspaces;

/// <summary>Filing's part of the enterprise's workspace: filings waiting for review, drafts to submit, refused instruments to correct.</summary>
internal sealed class EnterpriseWorkspace(TenantDbContext db) : IEnterpriseWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct)
    {
        var mine = db.Set<FilingIndex>().Where(f => f.EnterpriseId == enterpriseId);
        var waiting = await mine.CountAsync(f => f.State == FilingState.Submitted, ct);
        var drafts = await mine.CountAsync(f => f.State == FilingState.Draft, ct);
        var refused = await db.Set<FilingLineIndex>().CountAsync(l => l.EnterpriseId == enterpriseId && l.Decision == LineDecision.Rejected && l.Open, ct);
        workspace.Count("备案审核中", waiting, "/my/filings?state=Submitted", 30, "等待检定机构审核");
        workspace.Todo(drafts > 0, $"{drafts} 份强检申请草稿未提交", "/my/filings?state=Draft", "去提交", 25);
        workspace.Todo(refused > 0, $"{refused} 台器具备案未通过，请查看原因并移到设备库", "/my/filings?state=Reviewed", "查看原因", 26);
        if (waiting > 0 || drafts > 0) workspace.Reached(EnterpriseStages.Library);
    }
}
