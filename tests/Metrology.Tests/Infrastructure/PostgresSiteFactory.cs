using Metrology.Core.Tenants;
using Npgsql;

namespace Metrology.Tests.Infrastructure;

/// <summary>
/// The same host on PostgreSQL, in a database made for this run and dropped after it. Used only when
/// METROLOGY_TEST_POSTGRES names a server (build.sh test starts one when it can).
/// </summary>
public sealed class PostgresSiteFactory : SiteFactory
{
    private static readonly string? PostgresServer = Environment.GetEnvironmentVariable("METROLOGY_TEST_POSTGRES");
    private readonly string _database = "metrology_test_" + Guid.NewGuid().ToString("N")[..10];

    public static bool Available => !string.IsNullOrEmpty(PostgresServer);

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string? ConnectionString =>
        Available ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _database }.ToString() : null;

    public override async ValueTask InitializeAsync()
    {
        if (!Available) return;
        await ExecuteAsync($"CREATE DATABASE \"{_database}\"");
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!Available) return;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres" }.ToString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>Theory data: the providers this run can test (SQLite always, PostgreSQL when a server is given).</summary>
public static class Providers
{
    public static TheoryData<string> Available
    {
        get
        {
            var data = new TheoryData<string> { nameof(DatabaseProvider.Sqlite) };
            if (PostgresSiteFactory.Available) data.Add(nameof(DatabaseProvider.Postgres));
            return data;
        }
    }
}
