using System.Net;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Setup;

/// <summary>A host whose Default is not set up: the setup page is its only page.</summary>
public sealed class UnsetSiteFactory : SiteFactory
{
    protected override bool AutoSetup => false;
}

public sealed class SetupPageTests(UnsetSiteFactory site) : IClassFixture<UnsetSiteFactory>
{
    [Fact]
    public async Task Default_is_set_up_from_the_setup_page_and_its_admin_can_sign_in()
    {
        using var browser = site.Browser();
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/setup", TestBrowser.Location(home));

        var empty = await browser.SubmitAsync("/setup", new Dictionary<string, string> { ["Input.Password"] = "", ["Input.SiteName"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyErrors = await TestBrowser.ErrorsOfAsync(empty);
        Assert.Contains("请输入密码", emptyErrors);
        Assert.Contains("请输入站点名称", emptyErrors);

        var fields = new Dictionary<string, string>
        {
            ["Input.SiteName"] = "测试平台",
            ["Input.Recipe"] = "default",
            ["Input.AdminUserName"] = "root",
            ["Input.AdminEmail"] = "root@example.com",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        };
        var weak = await browser.SubmitAsync("/setup", fields);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("密码至少 8 位", await TestBrowser.ErrorsOfAsync(weak));
        Assert.Equal(TenantState.Uninitialized, site.Services.GetRequiredService<TenantRegistry>().Default.State);

        fields["Input.Password"] = fields["Input.ConfirmPassword"] = "Root2026pass";
        var done = await browser.SubmitAsync("/setup", fields);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(TenantState.Running, site.Services.GetRequiredService<TenantRegistry>().Default.State);

        await browser.LoginAsync("", "root", "Root2026pass");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/setup")).StatusCode);
    }
}
