using Metrology.Core.Data;
using Microsoft.Data.Sqlite;

namespace Metrology.Tests.Data;

/// <summary>
/// Statements kept prepared on SQLite's pooled connections (ADR 0023), on a database file of the test's own: each run
/// binds its own values, leaves no read transaction open, follows schema changes and writes, never writes, and lets go
/// of a database whose pool was cleared.
/// </summary>
public sealed class SqlitePreparedReadsTests : IDisposable
{
    private const string Sql = "SELECT \"Name\", \"Note\" FROM \"Item\" WHERE \"Owner\" = @owner AND \"Active\" = @active ORDER BY \"Name\" LIMIT @take";

    private readonly string _folder = Directory.CreateTempSubdirectory("metrology-prepared-").FullName;
    private readonly string _file;
    private readonly string _cs;

    public SqlitePreparedReadsTests()
    {
        _file = Path.Combine(_folder, "reads.db");
        _cs = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = true }.ToString();
        Execute("PRAGMA journal_mode=WAL;",
            "CREATE TABLE \"Item\" (\"Name\" TEXT NOT NULL, \"Owner\" INTEGER NOT NULL, \"Active\" INTEGER NOT NULL, \"Note\" TEXT NULL);",
            // A partial index the planner checks the bound flag against: SQLite prepares a statement again whenever such a
            // parameter is bound, so the reads bind only values that changed.
            "CREATE INDEX \"IX_Item_Active\" ON \"Item\" (\"Owner\") WHERE \"Active\";",
            "INSERT INTO \"Item\" VALUES ('a1', 1, 1, NULL), ('a2', 1, 1, '二'), ('a3', 1, 0, NULL), ('b1', 2, 1, '乙');");
    }

    private void Execute(params string[] statements)
    {
        using var connection = new SqliteConnection(_cs);
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    private List<string> Read(int owner, bool active = true, int take = 10) =>
        SqlitePreparedReads.Query(_cs, Sql, [("@owner", owner), ("@active", active), ("@take", take)], r => r.String(0) + ":" + (r.NullableString(1) ?? "-"));

    [Fact]
    public void Each_run_reads_with_its_own_values_when_they_change_and_when_they_repeat()
    {
        Assert.Equal(["a1:-", "a2:二"], Read(1));
        Assert.Equal(["a1:-", "a2:二"], Read(1));
        Assert.Equal(["b1:乙"], Read(2));
        Assert.Equal(["a3:-"], Read(1, active: false));
        Assert.Equal(["a1:-"], Read(1, take: 1));
        Assert.Equal(["a1:-", "a2:二"], Read(1));
        Assert.Empty(Read(3));
    }

    [Fact]
    public void A_read_can_be_the_first_use_of_the_database_after_every_connection_closed()
    {
        // The last connection to close removed the WAL and its shared memory (a restarted site whose first request is the library).
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(_file + "-shm"));
        Assert.Equal(["a1:-", "a2:二"], Read(1));
    }

    [Fact]
    public void A_read_that_fails_midway_leaves_no_transaction_open_so_a_checkpoint_completes_and_later_writes_are_seen()
    {
        Assert.Throws<FormatException>(() => SqlitePreparedReads.Query(_cs, Sql, [("@owner", 1), ("@active", true), ("@take", 10)],
            r => r.String(0) == "a2" ? throw new FormatException() : 0));
        Execute("INSERT INTO \"Item\" VALUES ('a0', 1, 1, '新');");
        Assert.Equal(["a0:新", "a1:-", "a2:二"], Read(1));

        // A statement left stepping would hold its read transaction, and the checkpoint would report itself blocked.
        using var connection = new SqliteConnection(_cs);
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var result = checkpoint.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0, result.GetInt32(0));
    }

    [Fact]
    public void A_schema_change_after_the_statement_was_prepared_is_followed()
    {
        Assert.Equal(2, Read(1).Count);
        Execute("ALTER TABLE \"Item\" ADD COLUMN \"Extra\" TEXT NULL;", "CREATE INDEX \"IX_Item_Name\" ON \"Item\" (\"Owner\", \"Name\");",
            "UPDATE \"Item\" SET \"Note\" = '改' WHERE \"Name\" = 'a1';");
        Assert.Equal(["a1:改", "a2:二"], Read(1));
    }

    [Fact]
    public void Reads_cannot_write_and_a_bad_parameter_or_statement_is_an_error_that_leaves_the_next_read_working()
    {
        var write = Assert.Throws<SqliteException>(() =>
            SqlitePreparedReads.Query(_cs, "DELETE FROM \"Item\" WHERE \"Owner\" = @owner", [("@owner", 1)], r => 0));
        Assert.Equal(8, write.SqliteErrorCode); // SQLITE_READONLY
        Assert.Throws<ArgumentException>(() => SqlitePreparedReads.Query(_cs, Sql, [("@nobody", 1)], r => 0));
        Assert.Throws<SqliteException>(() => SqlitePreparedReads.Query(_cs, "SELECT \"Missing\" FROM \"Item\"", [], r => 0));
        Assert.Equal(["a1:-", "a2:二"], Read(1));
    }

    [Fact]
    public void A_cleared_pool_lets_go_of_the_database_file_once_its_statements_are_released()
    {
        Assert.Equal(2, Read(1).Count);
        Assert.True(OpenHandles() > 0);
        SqliteConnection.ClearAllPools();
        SqlitePreparedReads.ReleaseClosed();
        Assert.Equal(0, OpenHandles());
        Assert.Equal(2, Read(1).Count); // a new pool, a new statement
    }

    /// <summary>This process's open file descriptors on the database file itself (Linux).</summary>
    private int OpenHandles()
    {
        var count = 0;
        foreach (var fd in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            try
            {
                if (fd.LinkTarget == _file) count++;
            }
            catch (IOException) { } // closed while listed
        }
        return count;
    }

    [Theory]
    [InlineData("2025-03-01 08:00:00")]
    [InlineData("2025-03-01 08:00:00.1234567")]
    [InlineData("2025-03-01 23:59:59.5")]
    [InlineData("2024-02-29 00:00:00.0000001")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.9999999")]
    [InlineData("2025-03-01T08:00:00.25")]
    public void Dates_as_ef_core_stores_them_read_as_the_culture_aware_parse_reads_them(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.True(SqlitePreparedReads.IsoText.TryDateTime(bytes, out var value));
        var expected = DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, value);
        Assert.Equal(expected.Kind, value.Kind);
        Assert.True(SqlitePreparedReads.IsoText.TryDate(bytes.AsSpan(0, 10), out var date));
        Assert.Equal(DateOnly.FromDateTime(expected), date);
    }

    [Theory]
    [InlineData("2025-02-29 08:00:00")]
    [InlineData("2025-13-01 08:00:00")]
    [InlineData("2025-03-01 24:00:00")]
    [InlineData("2025-03-01 08:60:00")]
    [InlineData("2025-03-01 08:00:00.")]
    [InlineData("2025-03-01 08:00:00.12345678")]
    [InlineData("2025-03-01 08:00:00+08:00")]
    [InlineData("2025-3-01 08:00:00")]
    [InlineData("2025-03-0a 08:00:00")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("")]
    public void Other_text_is_left_to_the_culture_aware_parse(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.False(SqlitePreparedReads.IsoText.TryDateTime(bytes, out _));
        if (bytes.Length >= 10 && text.Length != 10) Assert.False(SqlitePreparedReads.IsoText.TryDate(bytes, out _));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqlitePreparedReads.ReleaseClosed();
        Directory.Delete(_folder, recursive: true);
    }
}
