using System.Net;
using Metrology.Core;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Tenants;

public sealed class TenantLifecycleTests(SiteFactory site)
{
    private TenantManager Manager => site.Services.GetRequiredService<TenantManager>();

    [Fact]
    public async Task A_disabled_tenant_answers_every_url_with_the_site_disabled_page_and_keeps_its_data()
    {
        var tenant = await site.CreateTenantAsync("Life");
        var prefix = "/" + tenant.RequestUrlPrefix;
        await Manager.DisableAsync(tenant.Name);

        using var browser = site.Browser();
        foreach (var url in new[] { prefix + "/", prefix + "/admin", prefix + "/login", prefix + "/no/such/page" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("站点已停用", await response.Content.ReadAsStringAsync());
        }
        Assert.True(File.Exists(site.Services.GetRequiredService<AppPaths>().SqliteFile(tenant)));

        await Manager.EnableAsync(tenant.Name);
        await browser.LoginAsync(prefix, "admin", SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(prefix + "/admin")).StatusCode);
    }

    [Fact]
    public async Task Removing_a_tenant_deletes_its_database_and_frees_its_prefix()
    {
        var tenant = await site.CreateTenantAsync("Gone");
        var file = site.Services.GetRequiredService<AppPaths>().SqliteFile(tenant);
        var running = await Assert.ThrowsAsync<TenantValidationException>(() => Manager.RemoveAsync(tenant.Name));
        Assert.Contains("运行中的租户不能删除", running.Message);

        await Manager.DisableAsync(tenant.Name);
        await Manager.RemoveAsync(tenant.Name);
        Assert.False(File.Exists(file));
        Assert.Null(site.Services.GetRequiredService<TenantRegistry>().Find(tenant.Name));
        using var browser = site.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/" + tenant.RequestUrlPrefix + "/")).StatusCode);
    }

    [Fact]
    public async Task Creating_a_tenant_with_a_taken_name_or_prefix_is_refused_with_a_message()
    {
        var tenant = await site.CreateTenantAsync("Taken");
        var sameName = await Assert.ThrowsAsync<TenantValidationException>(() => Manager.CreateAsync(new TenantSettings { Name = tenant.Name, RequestUrlPrefix = "other-prefix" }));
        Assert.Contains($"租户 “{tenant.Name}” 已存在", sameName.Message);

        var samePrefix = await Assert.ThrowsAsync<TenantValidationException>(() => Manager.CreateAsync(new TenantSettings { Name = "Another", RequestUrlPrefix = tenant.RequestUrlPrefix }));
        Assert.Contains("已被租户", samePrefix.Message);
    }

    [Fact]
    public async Task An_uninitialized_tenant_says_it_is_not_set_up()
    {
        var name = "Fresh" + Guid.NewGuid().ToString("N")[..6];
        await Manager.CreateAsync(new TenantSettings { Name = name, RequestUrlPrefix = name.ToLowerInvariant() });
        using var browser = site.Browser();
        var response = await browser.GetAsync($"/{name.ToLowerInvariant()}/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("站点尚未初始化", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_reports_every_running_tenants_database()
    {
        await site.CreateTenantAsync("Health");
        using var browser = site.Browser();
        var response = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
