using System.Security.Claims;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Security;

internal static class TenantCookieEvents
{
    /// <summary>A principal issued by another tenant is rejected, then Identity's security-stamp check runs.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var tenant = context.HttpContext.RequestServices.GetRequiredService<TenantContext>();
        if (context.Principal?.FindFirstValue(TenantClaims.Tenant) != tenant.Tenant.Name)
        {
            context.RejectPrincipal();
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>A signed-in user without the permission gets 403 (the status page explains), not a redirect.</summary>
    public static Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
