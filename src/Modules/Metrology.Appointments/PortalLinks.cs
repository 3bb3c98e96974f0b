using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Metrology.Appointments;

/// <summary>"量值溯源" (约检) in the portal's navigation, for an enterprise's account (not for staff, who may hold the permission through the administrator role).</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, PermissionService permissions, IEnterpriseDirectory enterprises) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await permissions.HasAsync(user, Permissions.BookAppointments)
            && await enterprises.CurrentAsync(user) is not null
            ? [new PortalLink("量值溯源", "/my/appointments", 6)]
            : [];
}
