using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;
using Metrology.Enterprises.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises.Workspaces;

/// <summary>Registrations and change requests waiting for review, for staff who may see enterprises.</summary>
internal sealed class StaffWorkspace(TenantDbContext db, PermissionService permissions) : IStaffWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await permissions.HasAsync(user, Permissions.ViewEnterprises)) return;
        var registrations = await db.Set<Enterprise>().CountAsync(e => e.Status == EnterpriseStatus.Pending, ct);
        var changes = await db.Set<ChangeRequest>().CountAsync(c => c.Status == ChangeStatus.Pending, ct);
        workspace.Count("企业注册待审核", registrations, "/admin/enterprises?status=Pending", 100);
        workspace.Count("资料变更待审核", changes, "/admin/enterprises?changes=true", 110);
        var review = await permissions.HasAsync(user, Permissions.ManageEnterprises);
        workspace.Todo(review && registrations > 0, $"{registrations} 家企业的注册申请待审核", "/admin/enterprises?status=Pending", "去审核", 100);
        workspace.Todo(review && changes > 0, $"{changes} 份资料变更申请待审核", "/admin/enterprises?changes=true", "去审核", 110);
    }
}
