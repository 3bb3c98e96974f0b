using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;
using Microsoft.AspNetCore.Http;

namespace Metrology.Filings;

/// <summary>"强检申请" in the portal's navigation, for an enterprise's account only (staff holding the permission would get a 403).</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, PermissionService permissions, WorkspaceService workspaces) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await workspaces.EnterpriseOfAsync(user) is not null
            && await permissions.HasAsync(user, Permissions.FileInstruments)
            ? [new PortalLink("强检申请", "/my/filings", 5)]
            : [];
}
