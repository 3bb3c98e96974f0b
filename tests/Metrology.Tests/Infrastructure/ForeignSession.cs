using System.Data.Common;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Metrology.Tests.Infrastructure;

/// <summary>
/// A connection to a tenant's database that is not the site's, as an operator's psql or a script opens one: on
/// PostgreSQL on the server's default search_path, so the tenant's tables are named with its schema.
/// </summary>
public static class ForeignSession
{
    /// <summary>The open connection, and the prefix to name the tenant's tables with (<c>"schema".</c> or <c>main.</c>).</summary>
    public static async Task<(DbConnection Connection, string Schema)> OpenAsync(IServiceProvider scope)
    {
        var db = scope.GetRequiredService<TenantDbContext>();
        var postgres = db.Database.IsNpgsql();
        DbConnection connection = postgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { SearchPath = "public" }.ToString())
            : new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        return (connection, postgres ? $"\"{TenantDatabase.SchemaOf(scope.GetRequiredService<TenantContext>().Tenant)}\"." : "main.");
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return await command.ExecuteNonQueryAsync();
    }
}
