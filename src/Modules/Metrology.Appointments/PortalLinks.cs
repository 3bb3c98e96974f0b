using Metrology.Core.Admin;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Metrology.Appointments;

/// <summary>"量值溯源" (约检) in the portal's navigation, for an enterprise's account.</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, PermissionService permissions) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await permissions.HasAsync(user, Permissions.BookAppointments)
            ? [new PortalLink("量值溯源", "/my/appointments", 6)]
            : [];
}
