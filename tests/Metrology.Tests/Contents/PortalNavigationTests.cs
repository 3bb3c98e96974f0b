using Metrology.Core.Content;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Contents;

/// <summary>
/// The portal's navigation is cached per tenant for anonymous visitors (<c>PortalNavigation</c>): a published menu change
/// shows at once, tenants never share it, and a signed-in visitor's links are never stored for, nor taken from, anonymous ones.
/// Read on the login page, which is never output-cached (it carries a form token): what it shows is the layout's navigation.
/// </summary>
public sealed class PortalNavigationTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private TenantSettings _other = null!;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("PortalNav");
        _other = await site.CreateTenantAsync("PortalNav");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<List<string>> NavigationAsync(TestBrowser browser, TenantSettings tenant) =>
        (await browser.GetDocumentAsync("/" + tenant.RequestUrlPrefix + "/login")).QuerySelectorAll("nav .nav-link").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_published_menu_change_shows_at_once_in_the_anonymous_navigation_of_that_tenant_only()
    {
        using var visitor = site.Browser();
        for (var i = 0; i < 2; i++) // the second visit is served from the cached navigation
        {
            Assert.Contains("办事指南", await NavigationAsync(visitor, _tenant));
            Assert.Contains("办事指南", await NavigationAsync(visitor, _other));
        }

        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            var manager = s.GetRequiredService<ContentManager>();
            var menu = (await manager.QueryAsync(new ContentQuery { ContentType = "Menu" })).Items.Single();
            MenuLinks.Set(menu, MenuLinks.Of(menu).Append(new MenuLink("新增栏目", "/catalog")));
            Assert.True((await manager.SaveAsync(menu, true, "admin")).Succeeded);
        });

        Assert.Contains("新增栏目", await NavigationAsync(visitor, _tenant));
        Assert.DoesNotContain("新增栏目", await NavigationAsync(visitor, _other));
    }

    [Fact]
    public async Task A_signed_in_enterprise_gets_its_own_links_and_anonymous_visitors_never_get_them()
    {
        using var anonymous = site.Browser();
        var before = await NavigationAsync(anonymous, _tenant);
        Assert.Contains("企业注册", before);
        Assert.DoesNotContain("我的工作台", before);

        using var enterprise = site.Browser();
        await enterprise.LoginAsync("/" + _tenant.RequestUrlPrefix, "13800000001", SiteFactory.AdminPassword);
        for (var i = 0; i < 2; i++)
        {
            var mine = await NavigationAsync(enterprise, _tenant);
            Assert.Contains("我的工作台", mine);
            Assert.DoesNotContain("企业注册", mine);
            var theirs = await NavigationAsync(anonymous, _tenant);
            Assert.Contains("企业注册", theirs);
            Assert.DoesNotContain("我的工作台", theirs);
        }
    }
}
