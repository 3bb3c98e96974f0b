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
            var enterprise = new User { UserName = "13600000001", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(enterprise, "Enterprise2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(enterprise, "企业用户")).Succeeded);
            var staff = new User { UserName = "staff", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(staff, "Staff2026pass")).Succeeded);
            Assert.True((await users.AddToRoleAsync(staff, "业务室")).Succeeded);
            var disabled = new User { UserName = "disabled", CreatedUtc = DateTime.UtcNow, IsEnabled = false };
            Assert.True((await users.CreateAsync(disabled, "Disabled2026")).Succeeded);
            var manager = new User { UserName = "usermanager", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(manager, "Manager2026x")).Succeeded);
            Assert.True((await users.AddToRoleAsync(manager, "业务大厅收发")).Succeeded);
            var initial = new User { UserName = "13600000002", CreatedUtc = DateTime.UtcNow, MustChangePassword = true };
            Assert.True((await users.CreateAsync(initial, "Initial2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(initial, "业务室")).Succeeded);
            var roles = services.GetRequiredService<RoleManager<Role>>();
            var hall = await roles.FindByNameAsync("业务大厅收发");
            Assert.True((await roles.AddClaimAsync(hall!, new System.Security.Claims.Claim(Permission.ClaimType, "ManageUsers"))).Succeeded);
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

    [Theory]
    [InlineData("_{tenant}")]   // this tenant's cookie, not one the site wrote
    [InlineData("_{tenant}C1")] // a chunk of it
    [InlineData("_Default")]    // another tenant's
    public async Task A_forged_sign_in_cookie_is_read_and_refused(string suffix)
    {
        // The cookie is there, so the authentication step runs (it is skipped only without one) and finds no valid ticket.
        using var browser = site.Browser();
        var name = TenantCookieManager.SignInCookie + suffix.Replace("{tenant}", _tenant.Name);
        browser.Cookies.Add(new Uri("http://localhost" + Prefix + "/"), new Cookie(name, "CfDJ8forged") { Path = Prefix });
        var response = await browser.GetAsync(Prefix + "/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Prefix + "/login?ReturnUrl=", TestBrowser.Location(response));
        Assert.Contains("企业登录", await (await browser.GetAsync(Prefix + "/")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_user_without_the_admin_permission_gets_403()
    {
        using var browser = site.Browser();
        await browser.LoginAsync(Prefix, "13600000001", "Enterprise2026");
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
    public async Task A_disabled_users_wrong_password_gets_the_same_answer_as_anyone_elses()
    {
        using var browser = site.Browser();
        var response = await browser.SubmitAsync(Prefix + "/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "disabled",
            ["Input.Password"] = "NotTheRight1",
        });
        var errors = await TestBrowser.ErrorsOfAsync(response);
        Assert.Contains("用户名或密码不正确", errors);
        Assert.DoesNotContain("停用", errors);
    }

    [Fact]
    public async Task A_user_manager_cannot_make_themselves_or_anyone_an_administrator()
    {
        using var manager = site.Browser();
        await manager.LoginAsync(Prefix, "usermanager", "Manager2026x");
        var list = await manager.GetDocumentAsync(Prefix + "/admin/users?q=usermanager");
        var edit = list.QuerySelector("table a[href*='/admin/users/edit/']")!.GetAttribute("href")!;
        var response = await manager.SubmitAsync(edit, new Dictionary<string, string> { ["Input.Roles"] = "业务大厅收发|Administrator" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("只有管理员可以授予或取消管理员角色", await TestBrowser.ErrorsOfAsync(response));

        var create = await manager.SubmitAsync(Prefix + "/admin/users/create", new Dictionary<string, string>
        {
            ["Input.UserName"] = "sneaky",
            ["Input.Password"] = "Sneaky2026x",
            ["Input.Roles"] = "Administrator",
        });
        Assert.Contains("只有管理员可以授予管理员角色", await TestBrowser.ErrorsOfAsync(create));

        var admins = await manager.GetDocumentAsync(Prefix + "/admin/users?q=admin");
        var adminEdit = admins.QuerySelectorAll("table tr").First(r => r.TextContent.Contains("系统管理员")).QuerySelector("a")!.GetAttribute("href")!;
        var reset = await manager.SubmitAsync(adminEdit, new Dictionary<string, string> { ["Input.Password"] = "Takeover2026" });
        Assert.Contains("只有管理员可以", await TestBrowser.ErrorsOfAsync(reset));
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
    }

    [Fact]
    public async Task A_user_disabled_while_signed_in_loses_access_at_once()
    {
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async services =>
        {
            var users = services.GetRequiredService<UserManager<User>>();
            var u = new User { UserName = "soon-disabled", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(u, "SoonOff2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(u, "业务室")).Succeeded);
        });
        using var user = site.Browser();
        await user.LoginAsync(Prefix, "soon-disabled", "SoonOff2026");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(Prefix + "/admin")).StatusCode);

        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var list = await admin.GetDocumentAsync(Prefix + "/admin/users?q=soon-disabled");
        var edit = list.QuerySelector("table a[href*='/admin/users/edit/']")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(edit, new Dictionary<string, string> { ["!Input.IsEnabled"] = "" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(Prefix + "/admin")).StatusCode);
    }

    [Fact]
    public async Task A_user_with_an_initial_password_must_change_it_before_anything_else()
    {
        using var browser = site.Browser();
        var login = await browser.SubmitAsync(Prefix + "/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = "13600000002",
            ["Input.Password"] = "Initial2026",
        });
        Assert.StartsWith(Prefix + "/account/password", TestBrowser.Location(login));
        var elsewhere = await browser.GetAsync(Prefix + "/admin");
        Assert.StartsWith(Prefix + "/account/password", TestBrowser.Location(elsewhere));

        var changed = await browser.SubmitAsync(Prefix + "/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "Initial2026",
            ["Input.NewPassword"] = "MyOwn2026pw",
            ["Input.ConfirmPassword"] = "MyOwn2026pw",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Prefix + "/admin")).StatusCode);
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
