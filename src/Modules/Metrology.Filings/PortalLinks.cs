using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Metrology.Filings;

/// <summary>"强检申请" in the portal's navigation, for an enterprise's account (not for staff, who may hold the permission through the administrator role).</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, PermissionService permissions, IEnterpriseDirectory enterprises) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await permissions.HasAsync(user, Permissions.FileInstruments)
            && await enterprises.CurrentAsync(user) is not null
            ? [new PortalLink("强检申请", "/my/filings", 5)]
            : [];
}
