using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Metrology.Verification;

/// <summary>"在检器具" in the portal's navigation, for an enterprise's account that books.</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, IEnterpriseDirectory enterprises) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await enterprises.CurrentAsync(user) is not null
            ? [new PortalLink("在检器具", "/my/verification", 7)]
            : [];
}
