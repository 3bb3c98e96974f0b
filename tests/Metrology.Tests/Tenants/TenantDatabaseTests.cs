using System.Net;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Tenants;

/// <summary>The same tenant rules on every provider: a SQLite file or a PostgreSQL schema per tenant.</summary>
public sealed class TenantDatabaseTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    private SiteFactory Site(string provider) => provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task A_tenant_has_its_own_database_until_it_is_removed(string provider)
    {
        var site = Site(provider);
        var a = await site.CreateTenantAsync("DbA");
        var b = await site.CreateTenantAsync("DbB");
        var database = site.Services.GetRequiredService<TenantDatabase>();
        Assert.True(await database.ExistsAsync(a));
        Assert.True(await database.ExistsAsync(b));

        var scopes = site.Services.GetRequiredService<TenantScopes>();
        await scopes.RunAsync(a, async s =>
            Assert.True((await s.GetRequiredService<UserManager<User>>().CreateAsync(new User { UserName = "only-a", CreatedUtc = DateTime.UtcNow }, "OnlyA2026x")).Succeeded));
        await scopes.RunAsync(b, async s =>
            Assert.False(await s.GetRequiredService<TenantDbContext>().Users.AnyAsync(u => u.UserName == "only-a")));

        var manager = site.Services.GetRequiredService<TenantManager>();
        await manager.DisableAsync(a.Name);
        using (var browser = site.Browser())
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.GetAsync($"/{a.RequestUrlPrefix}/")).StatusCode);
        Assert.True(await database.ExistsAsync(a), "a disabled tenant keeps its data");

        await manager.RemoveAsync(a.Name);
        Assert.False(await database.ExistsAsync(a));
        Assert.True(await database.ExistsAsync(b));
    }
}
