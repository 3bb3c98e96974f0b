using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Metrology.Tests.Tenants;

/// <summary>
/// What a PostgreSQL tenant's connection string carries (ADR 0019): its schema as the search path, no reset of a pooled
/// connection per request, and automatic preparation of repeated statements unless the operator set it.
/// </summary>
public sealed class PostgresConnectionTests(SiteFactory site)
{
    private NpgsqlConnectionStringBuilder Of(string name, string connectionString, string? schema = null) =>
        new(site.Services.GetRequiredService<TenantDatabase>().ConnectionString(new TenantSettings
        {
            Name = name, DatabaseProvider = DatabaseProvider.Postgres, ConnectionString = connectionString, Schema = schema,
        }));

    [Fact]
    public void A_tenant_connects_to_its_schema_prepares_repeated_statements_and_is_not_reset_per_request()
    {
        var shop = Of("Shop1", "Host=db.example;Database=metrology;Username=app");
        Assert.Equal("shop1", shop.SearchPath);
        Assert.True(shop.NoResetOnClose);
        Assert.Equal(64, shop.MaxAutoPrepare);
        Assert.Equal(2, shop.AutoPrepareMinUsages);
        Assert.Equal("db.example", shop.Host);

        // Another tenant on the same server: another schema, so another pool; the string is not one kept from the first.
        Assert.Equal("\"Other-Schema\"", Of("Shop2", "Host=db.example;Database=metrology;Username=app", "Other-Schema").SearchPath);
    }

    [Fact]
    public void An_operators_own_preparation_setting_is_kept()
    {
        var own = Of("Shop3", "Host=db.example;Database=metrology;Username=app;Max Auto Prepare=5;Auto Prepare Min Usages=7");
        Assert.Equal(5, own.MaxAutoPrepare);
        Assert.Equal(7, own.AutoPrepareMinUsages);
        Assert.Equal("shop3", own.SearchPath);
    }
}
