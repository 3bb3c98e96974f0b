using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Cluster;

/// <summary>
/// The data-protection keys are in the host database: another node (a second container with the same application name
/// and EF Core's key store on the same database) reads what this one protected, with the keys already stored.
/// </summary>
public sealed class DataProtectionTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task A_second_node_reads_what_the_first_protected_with_the_stored_keys(string provider)
    {
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var secret = site.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Protect("计量秘密");
        var keys = await CountKeysAsync(site.Services);
        Assert.True(keys >= 1, "the key is in the host database");

        await using var otherNode = OtherNode(site);
        var read = otherNode.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Unprotect(secret);

        Assert.Equal("计量秘密", read);
        Assert.Equal(keys, await CountKeysAsync(site.Services));
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Another_application_name_cannot_read_it(string provider)
    {
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var secret = site.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Protect("计量秘密");

        await using var stranger = OtherNode(site, "Another");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            stranger.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Unprotect(secret));
    }

    private static ServiceProvider OtherNode(SiteFactory site, string application = "Metrology")
    {
        var registry = site.Services.GetRequiredService<TenantRegistry>();
        var database = site.Services.GetRequiredService<TenantDatabase>();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<HostDbContext>(o => database.Configure(o, registry.Default));
        services.AddDataProtection().SetApplicationName(application).PersistKeysToDbContext<HostDbContext>();
        return services.BuildServiceProvider();
    }

    private static async Task<int> CountKeysAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HostDbContext>().DataProtectionKeys.CountAsync();
    }
}
