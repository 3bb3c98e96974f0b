using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Metrology.Tests.Cluster;

/// <summary>
/// Per-node caches are emptied across nodes (ADR 0017): a change announced by another node on PostgreSQL
/// (<c>pg_notify</c>) drops this node's cached settings of that tenant, and of no other tenant; on this node a save
/// drops them at once on either provider.
/// </summary>
public sealed class CacheSignalTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    [Fact]
    public async Task Another_nodes_change_empties_the_tenants_caches_here_and_no_others()
    {
        Assert.SkipUnless(PostgresSiteFactory.Available, "METROLOGY_TEST_POSTGRES is not set: nodes share changes only on PostgreSQL (./build.sh test starts one).");
        var changed = await postgres.CreateTenantAsync("Signal");
        var other = await postgres.CreateTenantAsync("Quiet");
        await ReadSettingsAsync(postgres, changed);
        await ReadSettingsAsync(postgres, other);
        var cache = postgres.Services.GetRequiredService<IMemoryCache>();

        await using (var conn = new NpgsqlConnection(changed.ConnectionString))
        {
            await conn.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT pg_notify(@c, @t)", conn);
            cmd.Parameters.AddWithValue("c", TenantCaches.Channel);
            cmd.Parameters.AddWithValue("t", changed.Name);
            await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        for (var i = 0; i < 200 && cache.TryGetValue("site-settings:" + changed.Name, out _); i++)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(cache.TryGetValue("site-settings:" + changed.Name, out _), "the changed tenant's settings were dropped");
        Assert.True(cache.TryGetValue("site-settings:" + other.Name, out _), "another tenant's settings stay");
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task A_change_here_empties_the_tenants_caches_at_once(string provider)
    {
        var site = provider == "Postgres" ? postgres : sqlite;
        var tenant = await site.CreateTenantAsync("Evict");
        await ReadSettingsAsync(site, tenant);
        var cache = site.Services.GetRequiredService<IMemoryCache>();
        Assert.True(cache.TryGetValue("site-settings:" + tenant.Name, out _));

        await site.Services.GetRequiredService<TenantCaches>().ChangedAsync(tenant.Name);

        Assert.False(cache.TryGetValue("site-settings:" + tenant.Name, out _));
    }

    private static Task ReadSettingsAsync(SiteFactory site, TenantSettings tenant) =>
        site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, s => s.GetRequiredService<SiteSettingsService>().GetAsync());
}
