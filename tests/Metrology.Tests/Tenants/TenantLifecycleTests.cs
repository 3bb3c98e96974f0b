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

        // The prefix is free again: a new tenant takes it.
        var again = await Manager.CreateAsync(new TenantSettings { Name = "Again" + Guid.NewGuid().ToString("N")[..6], RequestUrlPrefix = tenant.RequestUrlPrefix });
        Assert.Equal(tenant.RequestUrlPrefix, again.RequestUrlPrefix);
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
    public async Task A_broken_tenant_database_makes_health_fail_and_its_pages_show_the_error_page()
    {
        var tenant = await site.CreateTenantAsync("Health");
        using var browser = site.Browser();
        var healthy = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        // The tenant's database file is damaged while the site runs.
        await site.Services.GetRequiredService<TenantActivator>().DeactivateAsync(tenant);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = site.Services.GetRequiredService<AppPaths>().SqliteFile(tenant);
        foreach (var f in new[] { file + "-wal", file + "-shm" }) File.Delete(f);
        await File.WriteAllTextAsync(file, new string('x', 4096));

        var unhealthy = await browser.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", await unhealthy.Content.ReadAsStringAsync());

        var page = await browser.GetAsync("/" + tenant.RequestUrlPrefix + "/");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("出错了", body);
        Assert.DoesNotContain("Exception", body);

        await Manager.DisableAsync(tenant.Name);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_missing_page_in_a_tenant_shows_the_tenants_not_found_page()
    {
        var tenant = await site.CreateTenantAsync("Missing");
        using var browser = site.Browser();
        var response = await browser.GetAsync("/" + tenant.RequestUrlPrefix + "/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains("页面不存在", page.Body!.TextContent);
        Assert.Contains(tenant.Name, page.Title);
    }
}
