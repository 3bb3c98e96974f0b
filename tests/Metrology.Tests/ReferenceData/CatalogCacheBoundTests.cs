using System.Net;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.ReferenceData;

/// <summary>The site with a small output-cache store: what bounds the memory when every visitor types another search.</summary>
public sealed class SmallPageCacheSite : SiteFactory
{
    public const long Limit = 96 * 1024;

    public SmallPageCacheSite() => ConfigureServices = s => s.Configure<OutputCacheOptions>(o => o.SizeLimit = Limit);
}

/// <summary>
/// The catalog search is cached per distinct <c>q</c>, which anyone may vary without end: the store's size limit
/// (<see cref="Metrology.Core.Web.AnonymousPageCache.StoreSizeLimit"/> in production, small here) bounds what is kept.
/// </summary>
public sealed class CatalogCacheBoundTests(SmallPageCacheSite site, SiteFactory production) : IClassFixture<SmallPageCacheSite>, IAsyncLifetime
{
    private TenantSettings _tenant = null!;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("CatBound");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void The_site_bounds_the_store() =>
        Assert.Equal(Metrology.Core.Web.AnonymousPageCache.StoreSizeLimit,
            production.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutputCacheOptions>>().Value.SizeLimit);

    [Fact]
    public async Task Distinct_searches_without_end_keep_no_more_than_the_store_holds()
    {
        var prefix = "/" + _tenant.RequestUrlPrefix;
        using var visitor = site.Browser();
        const int searches = 60;
        var smallest = long.MaxValue;
        for (var i = 0; i < searches; i++)
        {
            using var response = await visitor.GetAsync($"{prefix}/catalog?q={Uri.EscapeDataString("不存在" + i)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Age);
            smallest = Math.Min(smallest, (await response.Content.ReadAsByteArrayAsync()).LongLength);
            if (i == 0)
            {
                using var again = await visitor.GetAsync($"{prefix}/catalog?q={Uri.EscapeDataString("不存在0")}");
                Assert.NotNull(again.Headers.Age); // the store does keep a search
            }
        }
        var fits = SmallPageCacheSite.Limit / smallest;
        Assert.True(fits < searches / 2, $"a page of {smallest} bytes: the test's store would hold {fits}");

        // Each search once more: one answered from the store was in it before this pass (none is asked twice).
        var kept = 0;
        for (var i = 0; i < searches; i++)
        {
            using var response = await visitor.GetAsync($"{prefix}/catalog?q={Uri.EscapeDataString("不存在" + i)}");
            if (response.Headers.Age is not null) kept++;
        }
        Assert.InRange(kept, 0, fits);
    }
}
