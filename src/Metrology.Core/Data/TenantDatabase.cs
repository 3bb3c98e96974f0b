using System.Collections.Concurrent;
using Metrology.Core.Tenants;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Metrology.Core.Data;

/// <summary>Where a tenant's data lives and how to reach, create and remove it.</summary>
public sealed class TenantDatabase(AppPaths paths)
{
    // Built once per distinct setting, not per request (every request's context asks for it).
    private readonly ConcurrentDictionary<(DatabaseProvider, string), string> _connectionStrings = new();

    public string ConnectionString(TenantSettings tenant) => tenant.DatabaseProvider switch
    {
        DatabaseProvider.Sqlite => _connectionStrings.GetOrAdd((DatabaseProvider.Sqlite, paths.SqliteFile(tenant)), key => new SqliteConnectionStringBuilder
        {
            DataSource = key.Item2,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString()),
        DatabaseProvider.Postgres => _connectionStrings.GetOrAdd((DatabaseProvider.Postgres, SchemaOf(tenant) + "\n" + tenant.ConnectionString),
            _ => PostgresConnectionString(tenant)),
        _ => throw new NotSupportedException(tenant.DatabaseProvider.ToString()),
    };

    /// <summary>
    /// The tenant's PostgreSQL connection string (ADR 0019): its schema as the session's <c>search_path</c> (a startup
    /// parameter, so each tenant has a pool of its own and no statement sets it); a connection goes back to the pool
    /// without <c>DISCARD ALL</c> (nothing in a request leaves session state: the advisory locks of set-up and
    /// migrations are released explicitly, LISTEN has a connection of its own); and the statements EF Core sends on every
    /// request are prepared on each physical connection after two uses, so the server parses and plans them once
    /// (<c>Max Auto Prepare</c>, unless the connection string sets it).
    /// </summary>
    private static string PostgresConnectionString(TenantSettings tenant)
    {
        var builder = new NpgsqlConnectionStringBuilder(tenant.ConnectionString)
        {
            SearchPath = QuoteIfNeeded(SchemaOf(tenant)),
            NoResetOnClose = true,
        };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ToString();
    }

    public void Configure(DbContextOptionsBuilder options, TenantSettings tenant)
    {
        var cs = ConnectionString(tenant);
        if (tenant.DatabaseProvider == DatabaseProvider.Postgres) options.UseNpgsql(cs);
        else options.UseSqlite(cs);
    }

    /// <summary>The schema of a PostgreSQL tenant: its own setting, or its name in lower case.</summary>
    public static string SchemaOf(TenantSettings tenant) =>
        tenant.Schema is { Length: > 0 } s ? s : tenant.Name.ToLowerInvariant();

    public async Task<bool> ExistsAsync(TenantSettings tenant, CancellationToken ct = default)
    {
        if (tenant.DatabaseProvider == DatabaseProvider.Sqlite) return File.Exists(paths.SqliteFile(tenant));
        await using var conn = new NpgsqlConnection(tenant.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = @s", conn);
        cmd.Parameters.AddWithValue("s", SchemaOf(tenant));
        return (long)(await cmd.ExecuteScalarAsync(ct))! > 0;
    }

    /// <summary>Creates the empty database (SQLite file in WAL mode, or the PostgreSQL schema).</summary>
    public async Task CreateAsync(TenantSettings tenant, CancellationToken ct = default)
    {
        if (tenant.DatabaseProvider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(paths.TenantFolder(tenant));
            await using var conn = new SqliteConnection(ConnectionString(tenant));
            await conn.OpenAsync(ct);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }
        await ExecutePostgresAsync(tenant, $"CREATE SCHEMA IF NOT EXISTS {Quote(SchemaOf(tenant))}", ct);
    }

    /// <summary>Deletes the tenant's database and files. Nothing of the tenant remains.</summary>
    public async Task DeleteAsync(TenantSettings tenant, CancellationToken ct = default)
    {
        if (tenant.DatabaseProvider == DatabaseProvider.Postgres)
        {
            await ExecutePostgresAsync(tenant, $"DROP SCHEMA IF EXISTS {Quote(SchemaOf(tenant))} CASCADE", ct);
            NpgsqlConnection.ClearAllPools();
        }
        SqliteConnection.ClearAllPools();
        SqlitePreparedReads.ReleaseClosed();
        var folder = paths.TenantFolder(tenant);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Opens a connection to check the database answers.</summary>
    public async Task<bool> CanConnectAsync(TenantSettings tenant, CancellationToken ct = default)
    {
        try
        {
            if (tenant.DatabaseProvider == DatabaseProvider.Sqlite)
            {
                if (!File.Exists(paths.SqliteFile(tenant))) return false;
                await using var lite = new SqliteConnection(ConnectionString(tenant));
                await lite.OpenAsync(ct);
                await using var read = lite.CreateCommand();
                read.CommandText = "SELECT COUNT(*) FROM sqlite_master"; // opening alone does not read the file
                await read.ExecuteScalarAsync(ct);
                return true;
            }
            await using var conn = new NpgsqlConnection(ConnectionString(tenant));
            await conn.OpenAsync(ct);
            await using var ping = new NpgsqlCommand("SELECT 1", conn);
            await ping.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    private static async Task ExecutePostgresAsync(TenantSettings tenant, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(tenant.ConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static string QuoteIfNeeded(string schema) =>
        schema.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && schema is not "default" and not "user"
            ? schema
            : Quote(schema);
}
