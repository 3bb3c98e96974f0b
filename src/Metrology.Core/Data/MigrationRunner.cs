using System.Collections.Concurrent;
using System.Data.Common;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Metrology.Core.Data;

/// <summary>
/// Applies the pending steps of each module to one database: each step and the new version number in
/// one transaction, under a lock (a PostgreSQL advisory lock across nodes, a process lock on SQLite).
/// </summary>
public sealed class MigrationRunner(TimeProvider clock, ILogger<MigrationRunner> log)
{
    public const string VersionTable = "__ModuleVersions";
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteLocks = new();

    public async Task<int> RunAsync(DbContext db, IEnumerable<DataMigration> migrations, CancellationToken ct = default)
    {
        var connection = db.GetService<IRelationalConnection>();
        await connection.OpenAsync(ct);
        try
        {
            await using var _ = await LockAsync(db, connection.DbConnection, ct);
            await ExecuteAsync(connection.DbConnection,
                $"CREATE TABLE IF NOT EXISTS \"{VersionTable}\" (\"ModuleId\" varchar(200) NOT NULL PRIMARY KEY, \"Version\" integer NOT NULL, \"AppliedUtc\" varchar(40) NOT NULL)", ct);
            var versions = await ReadVersionsAsync(connection.DbConnection, ct);
            var applied = 0;
            foreach (var migration in migrations)
            {
                var current = versions.GetValueOrDefault(migration.ModuleId);
                for (var step = current + 1; step <= migration.Steps.Count; step++)
                {
                    await ApplyAsync(db, connection, migration, step, ct);
                    applied++;
                }
            }
            return applied;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private async Task ApplyAsync(DbContext db, IRelationalConnection connection, DataMigration migration, int step, CancellationToken ct)
    {
        var builder = new MigrationBuilder(db.Database.ProviderName);
        migration.Steps[step - 1](builder);
        // The version table is not in the model, so its column types are given (the same on both providers).
        builder.DeleteData(VersionTable, keyColumn: "ModuleId", keyColumnType: "varchar(200)", keyValue: migration.ModuleId);
        builder.InsertData(VersionTable, columns: ["ModuleId", "Version", "AppliedUtc"], columnTypes: ["varchar(200)", "integer", "varchar(40)"],
            values: new object?[] { migration.ModuleId, step, clock.GetUtcNow().ToString("O") });

        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(builder.Operations, db.Model);
        try
        {
            await db.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, connection, ct);
        }
        catch (DbException e)
        {
            throw new InvalidOperationException($"模块 {migration.ModuleId} 的第 {step} 步迁移失败：{e.Message}", e);
        }
        log.LogInformation("Applied step {Step} of {Module}", step, migration.ModuleId);
    }

    private static async Task<Dictionary<string, int>> ReadVersionsAsync(DbConnection conn, CancellationToken ct)
    {
        var result = new Dictionary<string, int>();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT \"ModuleId\", \"Version\" FROM \"{VersionTable}\"";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetInt32(1);
        return result;
    }

    private static async Task ExecuteAsync(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IAsyncDisposable> LockAsync(DbContext db, DbConnection conn, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            const string key = "hashtext('metrology.migrations.' || current_schema())";
            try
            {
                await ExecuteAsync(conn, $"SELECT pg_advisory_lock({key})", ct);
            }
            catch
            {
                // A cancellation can arrive just after the server granted the lock, and a pooled session keeps it (ADR 0019:
                // no DISCARD ALL when a connection goes back to the pool): release it; a no-op when it was not granted.
                try { await ExecuteAsync(conn, $"SELECT pg_advisory_unlock({key})", CancellationToken.None); } catch (DbException) { }
                throw;
            }
            return new AsyncRelease(() => ExecuteAsync(conn, $"SELECT pg_advisory_unlock({key})", CancellationToken.None));
        }
        var gate = SqliteLocks.GetOrAdd(conn.DataSource, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new AsyncRelease(() => { gate.Release(); return Task.CompletedTask; });
    }
}
