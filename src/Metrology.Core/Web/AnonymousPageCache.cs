using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Web;

/// <summary>
/// Output caching for pages every visitor sees alike: only anonymous GETs, per tenant (tagged with the
/// tenant so a publish evicts its pages), for a minute so that other nodes are never stale for long.
/// Put <c>[OutputCache(PolicyName = AnonymousPageCache.Policy)]</c> on a page.
/// </summary>
public sealed class AnonymousPageCache : IOutputCachePolicy
{
    public const string Policy = "anonymous-page";
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    public static string TagOf(string tenant) => "tenant:" + tenant;

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = anonymous && HttpMethods.IsGet(http.Request.Method);
        context.AllowCacheStorage = context.AllowCacheLookup;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Duration;
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        if (tenant.HasTenant) context.Tags.Add(TagOf(tenant.Tenant.Name));
        context.CacheVaryByRules.VaryByHost = true;
        // ?handler=Pdf and a list's ?page=2 are other answers; other query keys are not, so junk keys cannot multiply the work.
        context.CacheVaryByRules.QueryKeys = new(["handler", "page"]);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        // A response that sets a cookie or is not a plain success is personal or passing: never stored.
        if (response.StatusCode != StatusCodes.Status200OK || !StringValuesEmpty(response.Headers.SetCookie))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    private static bool StringValuesEmpty(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0;
}
