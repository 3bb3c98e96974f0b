using Metrology.Core.Data;
using Metrology.Core.Workspaces;
using Metrology.Enterprises.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises.Workspaces;

/// <summary>The enterprise's own part of its workspace: change requests waiting, and the latest decisions on it.</summary>
internal sealed class EnterpriseWorkspace(TenantDbContext db) : IEnterpriseWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct)
    {
        var changes = await db.Set<ChangeRequest>().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId)
            .OrderByDescending(c => c.Id).Take(10).ToListAsync(ct);
        var pending = changes.Count(c => c.Status == ChangeStatus.Pending);
        workspace.Todo(pending > 0, "资料变更审核中", "/my/change", "查看", 900);
        foreach (var c in changes.Where(c => c.ReviewedUtc is not null))
            workspace.Messages.Add(new($"{ChangeLabels.Of(c.Kind)}{(c.Status == ChangeStatus.Approved ? "已通过" : "未通过：" + c.Reason)}", c.ReviewedUtc!.Value, "/my/change"));
        var reviewed = await db.Set<Enterprise>().Where(e => e.Id == enterpriseId).Select(e => e.ReviewedUtc).FirstOrDefaultAsync(ct);
        if (reviewed is { } at) workspace.Messages.Add(new("企业注册已审核通过", at));
    }
}
