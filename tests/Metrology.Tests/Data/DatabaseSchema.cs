using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Metrology.Tests.Data;

/// <summary>Tables, columns and indexes as the database has them, and as the EF model expects them.</summary>
internal sealed record SchemaTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Indexes);

internal static class DatabaseSchema
{
    /// <summary>What the EF model expects: "name type NULL|NOT NULL" per column, "name(cols) unique?" per index.</summary>
    public static IReadOnlyList<SchemaTable> Expected(DbContext db) =>
        db.Model.GetRelationalModel().Tables
            .Select(t => new SchemaTable(t.Name,
                t.Columns.Select(c => Column(c.Name, c.StoreType, c.IsNullable)).Order().ToList(),
                t.Indexes.Select(i => Index(i.Name, i.Columns.Select(c => c.Name), i.IsUnique)).Order().ToList()))
            .OrderBy(t => t.Name)
            .ToList();

    public static async Task<IReadOnlyList<SchemaTable>> ActualAsync(DbContext db, IEnumerable<string> tables)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var result = new List<SchemaTable>();
            foreach (var table in tables.Order())
            {
                result.Add(db.Database.IsSqlite() ? await SqliteTableAsync(conn, table) : await PostgresTableAsync(conn, table));
            }
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<IReadOnlyList<string>> TableNamesAsync(DbContext db)
    {
        var sql = db.Database.IsSqlite()
            // The full-text index (a virtual table and its shadow tables) is the search index's, not the model's.
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'ContentSearchFts%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
        return (await QueryAsync(db.Database.GetDbConnection(), sql, db)).Select(r => r[0]).Order().ToList();
    }

    private static async Task<SchemaTable> SqliteTableAsync(DbConnection conn, string table)
    {
        var columns = (await RowsAsync(conn, $"SELECT name, type, \"notnull\" FROM pragma_table_info('{table}')"))
            .Select(r => Column(r[0], r[1], r[2] == "0")).Order().ToList();
        var indexes = new List<string>();
        foreach (var index in await RowsAsync(conn, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'"))
        {
            var cols = (await RowsAsync(conn, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno")).Select(r => r[0]);
            indexes.Add(Index(index[0], cols, index[1] == "1"));
        }
        return new SchemaTable(table, columns, indexes.Order().ToList());
    }

    private static async Task<SchemaTable> PostgresTableAsync(DbConnection conn, string table)
    {
        var columns = (await RowsAsync(conn, $"""
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), CASE WHEN a.attnotnull THEN '0' ELSE '1' END
            FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname = '{table}' AND a.attnum > 0 AND NOT a.attisdropped
            """)).Select(r => Column(r[0], r[1], r[2] == "1")).Order().ToList();
        var indexes = (await RowsAsync(conn, $"""
            SELECT i.relname, CASE WHEN ix.indisunique THEN '1' ELSE '0' END,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                                         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',')
            FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname = '{table}' AND NOT ix.indisprimary
            """)).Select(r => Index(r[0], r[2].Split(','), r[1] == "1")).Order().ToList();
        return new SchemaTable(table, columns, indexes);
    }

    private static string Column(string name, string type, bool nullable) => $"{name} {type.ToLowerInvariant()} {(nullable ? "NULL" : "NOT NULL")}";

    private static string Index(string name, IEnumerable<string> columns, bool unique) => $"{name}({string.Join(",", columns)}){(unique ? " unique" : "")}";

    private static async Task<List<string[]>> QueryAsync(DbConnection conn, string sql, DbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try { return await RowsAsync(conn, sql); }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    private static async Task<List<string[]>> RowsAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            rows.Add(row);
        }
        return rows;
    }
}
