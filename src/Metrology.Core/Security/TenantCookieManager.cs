using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Security;

/// <summary>
/// Gives each tenant its own cookie: the tenant's name is added to the cookie name and the path is the
/// tenant's URL prefix, so a browser never sends one tenant's login to another.
/// </summary>
internal sealed class TenantCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, Name(context, key), value, WithPath(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, Name(context, key), WithPath(context, options));

    /// <summary>The sign-in cookie's name before the tenant's is appended (the only authentication scheme the site has).</summary>
    public const string SignInCookie = ".Metrology.Auth";

    /// <summary>
    /// Whether the request carries a sign-in cookie (of any tenant, in one piece or in chunks): without one there is no one
    /// to authenticate, and the authentication step is skipped. Pages that need a user still challenge (to the login page).
    /// </summary>
    public static bool MayBeSignedIn(HttpContext context)
    {
        foreach (var cookie in context.Request.Cookies)
        {
            if (cookie.Key.StartsWith(SignInCookie, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string Name(HttpContext context, string key)
    {
        var tenant = context.RequestServices.GetRequiredService<TenantContext>();
        return tenant.HasTenant ? $"{key}_{tenant.Tenant.Name}" : key;
    }

    private static CookieOptions WithPath(HttpContext context, CookieOptions options) =>
        new(options) { Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/" };
}
