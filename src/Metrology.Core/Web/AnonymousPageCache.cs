using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Web;

/// <summary>
/// Output caching for pages every anonymous visitor of a tenant sees alike (ADR 0013). Only anonymous GETs without a
/// waiting notice are looked up or stored; entries are keyed by host, the tenant's URL prefix (PathBase) and path, and
/// tagged with the tenant so that a publish, a settings save or a change of the tenant evicts its pages and no other
/// tenant's. A minute at most, so that other nodes are never stale for long. A response that sets a cookie, says it
/// must not be cached (antiforgery tokens do) or is not a plain 200 is never stored.
/// Put <c>[OutputCache(PolicyName = AnonymousPageCache.Policy)]</c> on a page.
/// </summary>
public sealed class AnonymousPageCache : IOutputCachePolicy
{
    public const string Policy = "anonymous-page";
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The memory the node's store may hold (bytes of the stored answers). A page that varies by a typed value (the
    /// catalog's <c>?q=</c>) has unbounded keys: past this, new entries are refused and the least recently used removed.
    /// </summary>
    public const long StoreSizeLimit = 100L * 1024 * 1024;

    public static string TagOf(string tenant) => Tags.TryGetValue(tenant, out var tag) ? tag : Tags.GetOrAdd(tenant, "tenant:" + tenant.ToLowerInvariant());

    // Asked on every request: one string per tenant, not one per request.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Tags = new(StringComparer.Ordinal);

    // ?handler=Pdf and a list's ?page=2 are other answers; other query keys are not, so junk keys cannot multiply the work.
    private static readonly Microsoft.Extensions.Primitives.StringValues VaryingKeys = new(["handler", "page"]);

    /// <summary>Evicts every cached page of <paramref name="tenant"/>.</summary>
    public static ValueTask EvictAsync(IOutputCacheStore store, string tenant) => store.EvictByTagAsync(TagOf(tenant), default);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        var cacheable = tenant.HasTenant
            && HttpMethods.IsGet(http.Request.Method)
            && http.User.Identity?.IsAuthenticated != true
            && !HasNotice(http)
            && PageNumbersArePlain(http.Request.Query);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Duration;
        if (tenant.HasTenant) context.Tags.Add(TagOf(tenant.Tenant.Name));
        context.CacheVaryByRules.VaryByHost = true;
        context.CacheVaryByRules.QueryKeys = VaryingKeys;
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        // A response that sets a cookie, forbids caching (a form's antiforgery token does) or is not a plain success
        // is personal or passing: never stored.
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("no-cache", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>The largest list page a page number may name (the content lists clamp to it too).</summary>
    public const int MaxPage = 10_000;

    /// <summary>
    /// Whether each page number in the query (<c>page</c>, <c>p</c>) is plain: one value, digits without a leading zero,
    /// 1 to <see cref="MaxPage"/>. Any other (<c>?page=2-x</c>, <c>?page=02</c>, <c>?p=99999999</c>) is answered like the
    /// page it falls back to but neither looked up nor stored: each would be an entry of its own, a copy of a real page,
    /// and endless such values would churn the store and push real pages out.
    /// </summary>
    public static bool PageNumbersArePlain(IQueryCollection query)
    {
        foreach (var key in PageKeys)
        {
            if (!query.TryGetValue(key, out var values)) continue;
            if (values.Count != 1 || values[0] is not { Length: > 0 and <= 5 } value || value[0] == '0'
                || !value.All(char.IsAsciiDigit) || int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) > MaxPage)
                return false;
        }
        return true;
    }

    private static readonly string[] PageKeys = ["page", "p"];

    /// <summary>A notice (TempData) waits for this visitor: the page shows it, so it is theirs alone.</summary>
    private static bool HasNotice(HttpContext http)
    {
        var name = http.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name;
        return name is not null && http.Request.Cookies.ContainsKey(name);
    }
}
