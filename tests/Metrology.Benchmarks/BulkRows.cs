using System.Data.Common;

namespace Metrology.Benchmarks;

/// <summary>Seeds a benchmark's table: one prepared insert, run <c>count</c> times in one transaction, each row's values set by <c>fill</c>.</summary>
internal static class BulkRows
{
    public static async Task InsertAsync(DbConnection connection, string table, string[] columns, int count, Action<int, IReadOnlyDictionary<string, DbParameter>> fill)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var values = columns.ToDictionary(c => c, c =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = "$" + c;
            insert.Parameters.Add(p);
            return p;
        });
        for (var i = 0; i < count; i++)
        {
            fill(i, values);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
}
