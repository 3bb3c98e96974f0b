using System.Net;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Tenants;

public sealed class TenantIsolationTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _a = null!;
    private TenantSettings _b = null!;

    public async ValueTask InitializeAsync()
    {
        _a = await site.CreateTenantAsync("IsoA");
        _b = await site.CreateTenantAsync("IsoB", "chongqing");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string A => "/" + _a.RequestUrlPrefix;
    private string B => "/" + _b.RequestUrlPrefix;

    [Fact]
    public async Task Each_tenant_serves_its_own_portal_under_its_prefix()
    {
        using var browser = site.Browser();
        var a = await browser.GetDocumentAsync(A + "/");
        var b = await browser.GetDocumentAsync(B + "/");
        Assert.Contains(_a.Name, a.Title);
        Assert.Contains(_b.Name, b.Title);
        Assert.DoesNotContain(_b.Name, a.Body!.TextContent);
    }

    [Fact]
    public async Task A_prefix_without_trailing_slash_redirects_into_the_tenant()
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync(A);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(A + "/", TestBrowser.Location(response));
    }

    [Fact]
    public async Task A_tenants_admin_signs_in_to_its_own_tenant_and_is_refused_by_the_other()
    {
        using var browser = site.Browser();
        await browser.LoginAsync(A, "admin", SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(A + "/admin")).StatusCode);

        var inB = await browser.GetAsync(B + "/admin");
        Assert.Equal(HttpStatusCode.Redirect, inB.StatusCode);
        Assert.StartsWith(B + "/login", TestBrowser.Location(inB));
    }

    [Fact]
    public async Task A_user_of_one_tenant_cannot_sign_in_to_another()
    {
        await AddUserAsync(_a, "only-in-a", "OnlyInA2026");
        using var browser = site.Browser();
        var response = await browser.SubmitAsync(B + "/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "only-in-a",
            ["Input.Password"] = "OnlyInA2026",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await TestBrowser.ErrorsOfAsync(response));
    }

    [Fact]
    public async Task The_auth_cookie_is_named_and_scoped_per_tenant()
    {
        using var browser = site.Browser();
        await browser.LoginAsync(A, "admin", SiteFactory.AdminPassword);
        var cookie = browser.Cookies.GetAllCookies().Single(c => c.Name.StartsWith(".Metrology.Auth", StringComparison.Ordinal));
        Assert.Equal($".Metrology.Auth_{_a.Name}", cookie.Name);
        Assert.Equal(A, cookie.Path);
    }

    [Fact]
    public async Task A_cookie_of_one_tenant_replayed_under_another_tenants_name_is_rejected()
    {
        using var browser = site.Browser();
        await browser.LoginAsync(A, "admin", SiteFactory.AdminPassword);
        var value = browser.Cookies.GetAllCookies().Single(c => c.Name == $".Metrology.Auth_{_a.Name}").Value;

        using var attacker = site.CreateDefaultClient(new Uri("http://localhost"));
        var request = new HttpRequestMessage(HttpMethod.Get, B + "/admin");
        request.Headers.Add("Cookie", $".Metrology.Auth_{_b.Name}={value}");
        var response = await attacker.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(B + "/login", TestBrowser.Location(response));
    }

    [Fact]
    public async Task Users_of_one_tenant_are_not_listed_in_another()
    {
        await AddUserAsync(_a, "visible-in-a", "VisibleA2026");
        using var browser = site.Browser();
        await browser.LoginAsync(B, "admin", SiteFactory.AdminPassword);
        var users = await browser.GetDocumentAsync(B + "/admin/users?q=visible-in-a");
        Assert.Contains("没有符合条件的用户", users.QuerySelector("table")!.TextContent);

        await browser.LoginAsync(A, "admin", SiteFactory.AdminPassword);
        var inA = await browser.GetDocumentAsync(A + "/admin/users?q=visible-in-a");
        Assert.Contains("visible-in-a", inA.QuerySelector("table")!.TextContent);
    }

    private Task AddUserAsync(TenantSettings tenant, string userName, string password) =>
        site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var result = await users.CreateAsync(new User { UserName = userName, CreatedUtc = DateTime.UtcNow }, password);
            Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        });
}
