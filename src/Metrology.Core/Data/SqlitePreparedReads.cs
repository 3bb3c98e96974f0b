using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Metrology.Core.Data;

/// <summary>
/// Reads on SQLite whose statements stay prepared on each pooled native connection (ADR 0023). Microsoft.Data.Sqlite
/// prepares a command's SQL again on every execution, and EF Core creates a command per query: on the enterprise's
/// library, SQLite's parser and planner were ≈9% of the page's CPU for the same statement each time (docs/performance.md,
/// fourteenth pass). The reads go through read-only connections (a pool of their own: EF Core's connections register
/// its SQL functions on every open, which expires every statement prepared on them). A statement is reset as soon as
/// its rows are read, so no read transaction is left open; SQLite prepares it again by itself after a schema change.
/// </summary>
public static class SqlitePreparedReads
{
    // The statements of each native connection, by SQL. A native connection serves one SqliteConnection at a time, so
    // its dictionary is never used by two threads at once.
    private static readonly ConditionalWeakTable<sqlite3, Dictionary<string, Kept>> Statements = new();
    private static readonly ConcurrentDictionary<string, string> ReadOnlyStrings = new();

    /// <summary>The rows of <paramref name="sql"/> on <paramref name="connectionString"/>'s database, read by <paramref name="read"/>.</summary>
    public static List<T> Query<T>(string connectionString, string sql, ReadOnlySpan<(string Name, object? Value)> parameters, Func<Row, T> read)
    {
        using var connection = new SqliteConnection(ReadOnlyStrings.GetOrAdd(connectionString, ReadOnly));
        connection.Open();
        var db = connection.Handle!;
        var kept = StatementOf(db, sql);
        var stmt = kept.Statement;
        try
        {
            foreach (var (name, value) in parameters) kept.Bind(db, name, value);
            var rows = new List<T>();
            while (true)
            {
                var rc = raw.sqlite3_step(stmt);
                if (rc == raw.SQLITE_DONE) return rows;
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, db);
                rows.Add(read(new Row(stmt)));
            }
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    /// <summary>
    /// Finalizes the statements of native connections the pool has closed (a cleared pool, a tenant removed): until
    /// then SQLite keeps such a connection, and its file, open. Also done whenever a new native connection is seen.
    /// </summary>
    public static void ReleaseClosed()
    {
        lock (Statements)
        {
            foreach (var (db, statements) in Statements)
            {
                if (!db.IsClosed) continue;
                foreach (var kept in statements.Values) kept.Statement.Dispose();
                Statements.Remove(db);
            }
        }
    }

    private static Kept StatementOf(sqlite3 db, string sql)
    {
        if (!Statements.TryGetValue(db, out var statements))
        {
            ReleaseClosed();
            raw.sqlite3_busy_timeout(db, 30_000); // what DefaultTimeout gives Microsoft.Data.Sqlite's own commands
            statements = Statements.GetValue(db, _ => new());
        }
        if (statements.TryGetValue(sql, out var kept)) return kept;
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            stmt.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        return statements[sql] = new Kept(stmt);
    }

    /// <summary>A prepared statement and the values bound to it, which stay bound from one run to the next.</summary>
    private sealed class Kept(sqlite3_stmt statement)
    {
        private readonly Dictionary<string, (int Index, object? Value)> _bound = [];

        public sqlite3_stmt Statement => statement;

        /// <summary>
        /// Binds the value unless it is the one already bound: SQLite prepares a statement again when a parameter its
        /// planner looked at (a flag a partial index depends on, a LIMIT) is bound, even to the same value.
        /// </summary>
        public void Bind(sqlite3 db, string name, object? value)
        {
            if (!_bound.TryGetValue(name, out var bound))
            {
                var index = raw.sqlite3_bind_parameter_index(statement, name);
                if (index == 0) throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
                bound = (index, null);
            }
            else if (Equals(bound.Value, value)) return;
            var rc = value switch
            {
                null => raw.sqlite3_bind_null(statement, bound.Index),
                bool b => raw.sqlite3_bind_int(statement, bound.Index, b ? 1 : 0),
                int i => raw.sqlite3_bind_int(statement, bound.Index, i),
                long l => raw.sqlite3_bind_int64(statement, bound.Index, l),
                string s => raw.sqlite3_bind_text(statement, bound.Index, s),
                _ => throw new ArgumentException($"A {value.GetType().Name} is not bound here.", nameof(value)),
            };
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
            _bound[name] = (bound.Index, value);
        }
    }

    private static string ReadOnly(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();

    /// <summary>The current row, read as EF Core stores the values (dates as ISO text, flags and enums as integers).</summary>
    public readonly struct Row(sqlite3_stmt stmt)
    {
        public bool IsNull(int column) => raw.sqlite3_column_type(stmt, column) == raw.SQLITE_NULL;

        public string String(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(stmt, column));

        public string? NullableString(int column) => IsNull(column) ? null : String(column);

        public int Int32(int column) => raw.sqlite3_column_int(stmt, column);

        public int? NullableInt32(int column) => IsNull(column) ? null : Int32(column);

        public bool Boolean(int column) => raw.sqlite3_column_int64(stmt, column) != 0;

        public DateTime DateTime(int column) =>
            IsoText.TryDateTime(raw.sqlite3_column_blob(stmt, column), out var value) ? value : System.DateTime.Parse(String(column), CultureInfo.InvariantCulture);

        public DateOnly? NullableDateOnly(int column) => IsNull(column) ? null
            : IsoText.TryDate(raw.sqlite3_column_blob(stmt, column), out var value) ? value : DateOnly.Parse(String(column), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The text EF Core stores dates as, read from its UTF-8 bytes: "yyyy-MM-dd" and "yyyy-MM-dd HH:mm:ss[.fffffff]" (no zone,
    /// so <see cref="DateTimeKind.Unspecified"/>, as <see cref="System.DateTime.Parse(string, IFormatProvider)"/> gives). Any
    /// other text is left to the culture-aware parse. Parsing each row's dates that way was ≈1.5% of the library page's CPU.
    /// </summary>
    internal static class IsoText
    {
        public static bool TryDate(ReadOnlySpan<byte> s, out DateOnly value)
        {
            value = default;
            if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
            int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
            if (y < 1 || m < 1 || m > 12 || d < 1 || d > System.DateTime.DaysInMonth(y, m)) return false;
            value = new DateOnly(y, m, d);
            return true;
        }

        public static bool TryDateTime(ReadOnlySpan<byte> s, out DateTime value)
        {
            value = default;
            if (s.Length < 19 || s[10] is not ((byte)' ' or (byte)'T') || s[13] != ':' || s[16] != ':' || !TryDate(s[..10], out var date)) return false;
            int h = Digits(s, 11, 2), min = Digits(s, 14, 2), sec = Digits(s, 17, 2);
            if (h is < 0 or > 23 || min is < 0 or > 59 || sec is < 0 or > 59) return false;
            long ticks = 0;
            if (s.Length > 19)
            {
                var fraction = s[20..];
                if (s[19] != '.' || fraction.Length is 0 or > 7) return false;
                var f = Digits(fraction, 0, fraction.Length);
                if (f < 0) return false;
                ticks = f;
                for (var i = fraction.Length; i < 7; i++) ticks *= 10;
            }
            value = date.ToDateTime(new TimeOnly(h, min, sec)).AddTicks(ticks);
            return true;
        }

        /// <summary>The number the <paramref name="count"/> ASCII digits at <paramref name="start"/> spell, or -1.</summary>
        private static int Digits(ReadOnlySpan<byte> s, int start, int count)
        {
            var n = 0;
            foreach (var b in s.Slice(start, count))
            {
                var digit = b - '0';
                if ((uint)digit > 9) return -1;
                n = n * 10 + digit;
            }
            return n;
        }
    }
}
