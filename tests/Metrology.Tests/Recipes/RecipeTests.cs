using System.Net;
using Metrology.Core;
using Metrology.Core.Setup;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Recipes;

public sealed class RecipeTests(SiteFactory site)
{
    [Theory]
    [InlineData("test-bad-role", "第 3 步（Roles）", "权限 “NoSuchPermission” 不存在")]
    [InlineData("test-unknown-step", "第 2 步（NoSuchStep）", "没有处理此步骤的已启用功能")]
    public async Task A_recipe_with_a_bad_step_fails_naming_the_step_and_leaves_the_tenant_uninitialized(string recipe, string step, string reason)
    {
        var name = "Bad" + Guid.NewGuid().ToString("N")[..6];
        var tenant = await site.Services.GetRequiredService<TenantManager>().CreateAsync(new TenantSettings { Name = name, RequestUrlPrefix = name.ToLowerInvariant() });

        var result = await site.Services.GetRequiredService<TenantSetup>().SetupAsync(tenant,
            new SetupRequest("坏配方", recipe, "admin", "admin@example.com", SiteFactory.AdminPassword));

        Assert.False(result.Succeeded);
        Assert.Contains(step, result.Error);
        Assert.Contains(reason, result.Error);
        var stored = site.Services.GetRequiredService<TenantRegistry>().Find(name)!;
        Assert.Equal(TenantState.Uninitialized, stored.State);
        Assert.Contains(step, stored.SetupError);
        Assert.False(File.Exists(site.Services.GetRequiredService<AppPaths>().SqliteFile(stored)), "no half-set-up database is left behind");

        using var browser = site.Browser();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync($"/{name.ToLowerInvariant()}/")).StatusCode);
    }

    [Fact]
    public async Task A_failed_setup_can_be_retried_with_a_good_recipe()
    {
        var name = "Retry" + Guid.NewGuid().ToString("N")[..6];
        var tenant = await site.Services.GetRequiredService<TenantManager>().CreateAsync(new TenantSettings { Name = name, RequestUrlPrefix = name.ToLowerInvariant() });
        var setup = site.Services.GetRequiredService<TenantSetup>();
        Assert.False((await setup.SetupAsync(tenant, new SetupRequest("重试", "test-bad-role", "admin", "a@example.com", SiteFactory.AdminPassword))).Succeeded);

        var retry = await setup.SetupAsync(tenant, new SetupRequest("重试", "zhaoqing", "admin", "a@example.com", SiteFactory.AdminPassword));

        Assert.True(retry.Succeeded, retry.Error);
        var stored = site.Services.GetRequiredService<TenantRegistry>().Find(name)!;
        Assert.Equal(TenantState.Running, stored.State);
        Assert.Null(stored.SetupError);
    }

    [Fact]
    public async Task The_regional_recipes_set_up_the_institutes_roles_and_contacts()
    {
        var tenant = await site.CreateTenantAsync("Zq", "zhaoqing");
        using var browser = site.Browser();
        var prefix = "/" + tenant.RequestUrlPrefix;
        var home = await browser.GetDocumentAsync(prefix + "/");
        Assert.Contains("0758-6622655", home.QuerySelector("footer")!.TextContent);
        Assert.Contains("宝鼎路", home.QuerySelector("footer")!.TextContent);

        await browser.LoginAsync(prefix, "admin", SiteFactory.AdminPassword);
        var roles = await browser.GetDocumentAsync(prefix + "/admin/roles");
        foreach (var role in new[] { "业务室", "强检室", "电学室", "力学室", "热工室", "长度室", "企业用户" })
            Assert.Contains(role, roles.QuerySelector("table")!.TextContent);
    }
}
