using System.Security.Claims;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Metrology.Core.Tenants;

namespace Metrology.Core.Workspaces;

/// <summary>Fills workspaces from the enabled features' contributors, and knows where each kind of account lands.</summary>
public sealed class WorkspaceService(
    IEnumerable<IEnterpriseWorkspaceContributor> enterpriseContributors,
    IEnumerable<IStaffWorkspaceContributor> staffContributors,
    IEnumerable<IEnterpriseDirectory> directories,
    FeatureFilter features,
    PermissionService permissions)
{
    public async Task<Workspace> ForEnterpriseAsync(int enterpriseId, CancellationToken ct)
    {
        var workspace = new Workspace();
        workspace.Reached(EnterpriseStages.Registered);
        // One after the other: they share the scope's DbContext.
        foreach (var contributor in features.Enabled(enterpriseContributors)) await contributor.ContributeAsync(workspace, enterpriseId, ct);
        return workspace;
    }

    public async Task<Workspace> ForStaffAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var workspace = new Workspace();
        foreach (var contributor in features.Enabled(staffContributors)) await contributor.ContributeAsync(workspace, user, ct);
        return workspace;
    }

    /// <summary>The enterprise the account acts for, where a feature that knows enterprises is enabled.</summary>
    public async Task<EnterpriseInfo?> EnterpriseOfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        foreach (var directory in features.Enabled(directories))
            if (await directory.CurrentAsync(user, ct) is { } enterprise) return enterprise;
        return null;
    }

    /// <summary>Where the account lands after login: an enterprise on <c>/my</c>, staff on <c>/admin</c>, anyone else on the home page.</summary>
    public async Task<string> LandingAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (await EnterpriseOfAsync(user, ct) is not null) return "/my";
        return await permissions.HasAsync(user, StandardPermissions.AccessAdminPanel) ? "/admin" : "/";
    }
}
