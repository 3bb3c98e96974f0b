using System.Security.Claims;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Security;

internal static class TenantCookieEvents
{
    /// <summary>
    /// A principal issued by another tenant is rejected, then Identity's security-stamp check runs. That check reads the
    /// user only once the cookie is older than <see cref="SecurityStampValidatorOptions.ValidationInterval"/>; before, it
    /// does nothing, so it is not even created (creating it builds a sign-in and a user manager with a database context:
    /// ≈3% of a signed-in page's CPU, docs/performance.md, sixth pass). The condition is the validator's own.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var tenant = services.GetRequiredService<TenantContext>();
        if (context.Principal?.FindFirstValue(TenantClaims.Tenant) != tenant.Tenant.Name)
        {
            context.RejectPrincipal();
            return;
        }
        var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        if (context.Properties.IssuedUtc is { } issued
            && (options.TimeProvider ?? TimeProvider.System).GetUtcNow().Subtract(issued) <= options.ValidationInterval) return;
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>A signed-in user without the permission gets 403 (the status page explains), not a redirect.</summary>
    public static Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
