using AngleSharp.Dom;
using System.Net;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Security;

public sealed class AdminAccessTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("Sec");
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var enterprise = new User { UserName = "13800000001", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(enterprise, "Enterprise2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(enterprise, "企业用户")).Succeeded);
            var staff = new User { UserName = "staff", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(staff, "Staff2026pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(staff, "业务室")).Succeeded);
            var disabled = new User { UserName = "disabled", CreatedUtc = DateTime.UtcNow, IsEnabled = false };
            Assert.True((await users.CreateAsync(disabled, "Disabled2026")).Succeeded);
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/users")]
    [InlineData("/admin/settings")]
    public async Task Anonymous_admin_pages_redirect_to_login(string path)
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync(Prefix + path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Prefix + "/login?ReturnUrl=", TestBrowser.Location(response));
    }

    [Fact]
    public async Task A_user_without_the_admin_permission_gets_403()
    {
        using var browser = site.Browser();
        await browser.LoginAsync(Prefix, "13800000001", "Enterprise2026");
        var response = await browser.GetAsync(Prefix + "/admin");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Staff_reach_the_back_office_but_not_pages_their_role_lacks()
    {
        using var browser = site.Browser();
        await browser.LoginAsync(Prefix, "staff", "Staff2026pass");
        var dashboard = await browser.GetDocumentAsync(Prefix + "/admin");
        Assert.DoesNotContain("角色与权限", dashboard.QuerySelector("nav.admin-sidebar")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Prefix + "/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(Prefix + "/admin/settings")).StatusCode);
    }

    [Fact]
    public async Task Granting_a_permission_to_a_role_opens_the_page_to_its_users()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var page = await admin.GetDocumentAsync(Prefix + "/admin/roles/edit/力学室");
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        var saved = await admin.PostFormAsync(form, new Dictionary<string, string> { ["Granted"] = "AccessAdminPanel|ManageUsers" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var u = new User { UserName = "lab", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(u, "Lab2026pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(u, "力学室")).Succeeded);
        });
        using var lab = site.Browser();
        await lab.LoginAsync(Prefix, "lab", "Lab2026pass");
        Assert.Equal(HttpStatusCode.OK, (await lab.GetAsync(Prefix + "/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = site.Browser();
        await browser.GetAsync(Prefix + "/login");
        var response = await browser.Client.PostAsync(Prefix + "/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin",
            ["Input.Password"] = SiteFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name.StartsWith(".Metrology.Auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in()
    {
        using var browser = site.Browser();
        var response = await browser.SubmitAsync(Prefix + "/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "disabled",
            ["Input.Password"] = "Disabled2026",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该账号已停用", await TestBrowser.ErrorsOfAsync(response));
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync(Prefix + "/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
