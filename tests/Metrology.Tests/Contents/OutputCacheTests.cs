using System.Net;
using AngleSharp.Dom;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Contents;

/// <summary>
/// The output cache of anonymous pages (ADR 0013): a change shows at once, a signed-in visitor never gets an anonymous
/// page nor another's, a cached page carries no form token, and tenants never share entries.
/// A response served from the cache carries an <c>Age</c> header; a rendered one does not.
/// </summary>
public sealed class OutputCacheTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private TenantSettings _other = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("OutCache");
        _other = await site.CreateTenantAsync("OutCache");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task InTenantAsync(TenantSettings tenant, Func<IServiceProvider, Task> work) =>
        site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, work);

    private static async Task<(bool Cached, IDocument Page, string Html)> GetAsync(TestBrowser browser, string url)
    {
        using var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        return (response.Headers.Age is not null, page, page.DocumentElement.OuterHtml);
    }

    private static string SiteNameOf(IDocument page) => page.QuerySelector(".portal-hero h1")!.TextContent.Trim();

    [Fact]
    public async Task The_home_page_comes_from_the_cache_and_a_settings_save_shows_at_once()
    {
        await InTenantAsync(_tenant, s => s.GetRequiredService<Metrology.Contents.CacheEviction>().EvictAsync());
        using var visitor = site.Browser();
        var first = await GetAsync(visitor, Prefix + "/");
        Assert.False(first.Cached);
        var second = await GetAsync(visitor, Prefix + "/");
        Assert.True(second.Cached);
        Assert.Equal(first.Html, second.Html);

        await InTenantAsync(_tenant, async s =>
        {
            var settings = s.GetRequiredService<SiteSettingsService>();
            await settings.SaveAsync(await settings.GetAsync() with { SiteName = "改名后的强检服务平台" });
        });
        var after = await GetAsync(visitor, Prefix + "/");
        Assert.False(after.Cached);
        Assert.Equal("改名后的强检服务平台", SiteNameOf(after.Page));
    }

    [Fact]
    public async Task A_page_number_that_is_not_plain_is_answered_but_never_stored()
    {
        await InTenantAsync(_tenant, s => s.GetRequiredService<Metrology.Contents.CacheEviction>().EvictAsync());
        using var visitor = site.Browser();
        Assert.False((await GetAsync(visitor, Prefix + "/?page=2")).Cached);
        Assert.True((await GetAsync(visitor, Prefix + "/?page=2")).Cached);
        foreach (var junk in new[] { "2-123456", "02", "10001", "99999999999", "abc", "", "2&page=3" })
        {
            Assert.False((await GetAsync(visitor, Prefix + "/?page=" + junk)).Cached, junk);
            Assert.False((await GetAsync(visitor, Prefix + "/?page=" + junk)).Cached, junk);
        }
        Assert.True((await GetAsync(visitor, Prefix + "/?page=10000")).Cached is false);
        Assert.True((await GetAsync(visitor, Prefix + "/?page=10000")).Cached);
    }

    [Fact]
    public async Task A_published_change_shows_at_once_on_a_cached_content_page()
    {
        using var visitor = site.Browser();
        await GetAsync(visitor, Prefix + "/faq");
        Assert.True((await GetAsync(visitor, Prefix + "/faq")).Cached);
        await InTenantAsync(_tenant, async s =>
        {
            var manager = s.GetRequiredService<ContentManager>();
            var faq = (await manager.GetByPathAsync("faq"))!;
            faq.SetText(ContentParts.Title, "Title", "常见问题（已更新）");
            Assert.True((await manager.SaveAsync(faq, true, "admin")).Succeeded);
        });
        var after = await GetAsync(visitor, Prefix + "/faq");
        Assert.False(after.Cached);
        Assert.Contains("常见问题（已更新）", after.Html);
    }

    [Fact]
    public async Task A_signed_in_visitor_never_gets_the_cached_anonymous_page_nor_leaves_theirs_for_others()
    {
        using var anonymous = site.Browser();
        await GetAsync(anonymous, Prefix + "/");
        Assert.True((await GetAsync(anonymous, Prefix + "/")).Cached);

        using var water = site.Browser();
        await water.LoginAsync(Prefix, "13800000001", SiteFactory.AdminPassword);
        using var hospital = site.Browser();
        await hospital.LoginAsync(Prefix, "13800000002", SiteFactory.AdminPassword);

        for (var i = 0; i < 2; i++)
        {
            var mine = await GetAsync(water, Prefix + "/");
            var theirs = await GetAsync(hospital, Prefix + "/");
            Assert.False(mine.Cached);
            Assert.False(theirs.Cached);
            var myName = mine.Page.QuerySelector("a.dropdown-toggle")!.TextContent.Trim();
            var theirName = theirs.Page.QuerySelector("a.dropdown-toggle")!.TextContent.Trim();
            Assert.NotEqual(myName, theirName);
            Assert.DoesNotContain(theirName, mine.Html);
            Assert.DoesNotContain(myName, theirs.Html);
            Assert.Null(mine.Page.QuerySelector(".portal-hero a[href$='/login']")); // not the anonymous page
            Assert.Contains("/my/instruments", mine.Page.QuerySelector(".portal-steps")!.InnerHtml); // the enterprise's own steps
        }

        // A signed-in visitor's page is never stored for anonymous visitors: after an eviction, signed-in visits first.
        await InTenantAsync(_tenant, s => s.GetRequiredService<Metrology.Contents.CacheEviction>().EvictAsync());
        await GetAsync(water, Prefix + "/guide");
        await GetAsync(water, Prefix + "/");
        foreach (var url in new[] { Prefix + "/", Prefix + "/guide" })
        {
            var page = await GetAsync(anonymous, url);
            Assert.False(page.Cached);
            Assert.Null(page.Page.QuerySelector("a.dropdown-toggle"));
            Assert.NotNull(page.Page.QuerySelector("nav a[href$='/login']"));
        }
    }

    [Fact]
    public async Task A_cached_page_carries_no_form_token_and_sets_no_cookie()
    {
        using var visitor = site.Browser();
        // The visitor has an antiforgery cookie already (from the login form), as most have.
        await visitor.GetAsync(Prefix + "/login");
        foreach (var url in new[] { Prefix + "/", Prefix + "/guide", Prefix + "/faq" })
        {
            await GetAsync(visitor, url);
            using var response = await visitor.GetAsync(url);
            Assert.NotNull(response.Headers.Age);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.DoesNotContain("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
        }
        // A page with a form is never stored: each visitor gets a token of their own.
        using var other = site.Browser();
        using var login = await other.GetAsync(Prefix + "/login");
        Assert.Null(login.Headers.Age);
    }

    [Fact]
    public async Task Tenants_never_share_entries_and_an_eviction_is_per_tenant()
    {
        await InTenantAsync(_other, async s =>
        {
            var settings = s.GetRequiredService<SiteSettingsService>();
            await settings.SaveAsync(await settings.GetAsync() with { SiteName = "另一个租户的平台" });
        });
        using var visitor = site.Browser();
        var otherPrefix = "/" + _other.RequestUrlPrefix;
        foreach (var prefix in new[] { Prefix, otherPrefix }) await GetAsync(visitor, prefix + "/guide");
        var mine = await GetAsync(visitor, Prefix + "/guide");
        var theirs = await GetAsync(visitor, otherPrefix + "/guide");
        Assert.True(mine.Cached);
        Assert.True(theirs.Cached);
        Assert.Contains("另一个租户的平台", theirs.Html);
        Assert.DoesNotContain("另一个租户的平台", mine.Html);
        Assert.Contains($"href=\"{otherPrefix}/", theirs.Html);
        Assert.DoesNotContain($"href=\"{otherPrefix}/", mine.Html);

        // A publish in this tenant evicts its pages, not the other tenant's.
        await InTenantAsync(_tenant, s => s.GetRequiredService<Metrology.Contents.CacheEviction>().EvictAsync());
        Assert.False((await GetAsync(visitor, Prefix + "/guide")).Cached);
        Assert.True((await GetAsync(visitor, otherPrefix + "/guide")).Cached);
    }

    [Fact]
    public async Task A_tenant_found_by_host_name_has_entries_of_its_own()
    {
        var host = $"{_other.Name.ToLowerInvariant()}.example.test";
        var manager = site.Services.GetRequiredService<TenantManager>();
        var changed = site.Services.GetRequiredService<TenantRegistry>().Find(_other.Name)!.Clone();
        changed.RequestUrlHosts = host;
        changed.RequestUrlPrefix = null;
        await manager.UpdateAsync(changed);
        try
        {
            using var visitor = site.Browser();
            // The same path on two host names: the Default tenant on localhost, the other tenant on its host.
            using var byHost = new HttpRequestMessage(HttpMethod.Get, "/");
            byHost.Headers.Host = host;
            IDocument? defaultHome = null;
            for (var i = 0; i < 2; i++) defaultHome = (await GetAsync(visitor, "/")).Page;
            using var response = await site.CreateClient().SendAsync(byHost);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Age); // not the Default tenant's cached home page
            var otherHome = await TestBrowser.ParseAsync(response);
            Assert.NotEqual(SiteNameOf(defaultHome!), SiteNameOf(otherHome));
        }
        finally
        {
            changed.RequestUrlHosts = null;
            changed.RequestUrlPrefix = _other.Name.ToLowerInvariant();
            await manager.UpdateAsync(changed);
        }
    }
}
