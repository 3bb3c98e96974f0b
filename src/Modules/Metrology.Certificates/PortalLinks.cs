using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Metrology.Certificates;

/// <summary>"检定证书" in the portal's navigation, for an enterprise's account.</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, PermissionService permissions, IEnterpriseDirectory enterprises) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await permissions.HasAsync(user, Permissions.ViewOwnCertificates)
            && await enterprises.CurrentAsync(user) is not null
            ? [new PortalLink("检定证书", "/my/certificates", 7)]
            : [];
}
