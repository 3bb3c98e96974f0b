using System.Security.Claims;

namespace Metrology.Core.Workspaces;

/// <summary>
/// A feature's part of an enterprise's workspace (<c>/my</c>): counts and to-dos of that enterprise.
/// Register as scoped; only the contributors of the tenant's enabled features run.
/// </summary>
public interface IEnterpriseWorkspaceContributor
{
    Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct);
}

/// <summary>
/// A feature's part of the staff workspace (<c>/admin</c>): what waits for this user's roles and
/// institution. Add only what the user holds the permission to act on. Register as scoped.
/// </summary>
public interface IStaffWorkspaceContributor
{
    Task ContributeAsync(Workspace workspace, ClaimsPrincipal user, CancellationToken ct);
}
