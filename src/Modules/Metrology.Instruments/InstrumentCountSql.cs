namespace Metrology.Instruments;

/// <summary>
/// The SQL that keeps <see cref="Models.InstrumentCount"/>: triggers on InstrumentIndex that add each inserted row to its
/// (enterprise, active) count, take each deleted one off, and move a row whose enterprise or active flag changed; and the
/// back-fill of the rows stored before them. SQLite runs a trigger per row; PostgreSQL per statement, over the statement's
/// rows (transition tables), so an import of 20,000 rows updates a count once. Identifiers are quoted, which both read alike.
/// </summary>
internal static class InstrumentCountSql
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>Adds the (enterprise, active, rows) that <paramref name="select"/> gives to the counts: NEW or OLD on SQLite, a transition table grouped on PostgreSQL.</summary>
    private static string Add(string select) =>
        $"INSERT INTO \"InstrumentCount\" (\"EnterpriseId\", \"Active\", \"Count\") {select} " +
        "ON CONFLICT (\"EnterpriseId\", \"Active\") DO UPDATE SET \"Count\" = \"InstrumentCount\".\"Count\" + excluded.\"Count\"";

    /// <summary>The triggers (plpgsql functions and their triggers on PostgreSQL).</summary>
    public static IEnumerable<string> CreateTriggers(string provider) => provider == Sqlite
        ?
        [
            // "WHERE true": SQLite reads an ON CONFLICT after INSERT … SELECT … FROM as a join's, unless a WHERE comes first.
            $"CREATE TRIGGER \"InstrumentIndex_count_insert\" AFTER INSERT ON \"InstrumentIndex\" BEGIN {Add("SELECT NEW.\"EnterpriseId\", NEW.\"Active\", 1 WHERE true")}; END",
            $"CREATE TRIGGER \"InstrumentIndex_count_delete\" AFTER DELETE ON \"InstrumentIndex\" BEGIN {Add("SELECT OLD.\"EnterpriseId\", OLD.\"Active\", -1 WHERE true")}; END",
            "CREATE TRIGGER \"InstrumentIndex_count_update\" AFTER UPDATE OF \"EnterpriseId\", \"Active\" ON \"InstrumentIndex\" " +
            "WHEN OLD.\"EnterpriseId\" <> NEW.\"EnterpriseId\" OR OLD.\"Active\" <> NEW.\"Active\" BEGIN " +
            $"{Add("SELECT OLD.\"EnterpriseId\", OLD.\"Active\", -1 WHERE true")}; {Add("SELECT NEW.\"EnterpriseId\", NEW.\"Active\", 1 WHERE true")}; END",
        ]
        :
        [
            Function("instrument_count_insert", Add("SELECT \"EnterpriseId\", \"Active\", COUNT(*) FROM new_rows GROUP BY \"EnterpriseId\", \"Active\"")),
            Function("instrument_count_delete", Add("SELECT \"EnterpriseId\", \"Active\", -COUNT(*) FROM old_rows GROUP BY \"EnterpriseId\", \"Active\"")),
            Function("instrument_count_update", Add(
                "SELECT \"EnterpriseId\", \"Active\", SUM(d) FROM (SELECT \"EnterpriseId\", \"Active\", 1 AS d FROM new_rows " +
                "UNION ALL SELECT \"EnterpriseId\", \"Active\", -1 FROM old_rows) AS moved GROUP BY \"EnterpriseId\", \"Active\" HAVING SUM(d) <> 0")),
            "CREATE TRIGGER instrument_count_insert AFTER INSERT ON \"InstrumentIndex\" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION instrument_count_insert()",
            "CREATE TRIGGER instrument_count_delete AFTER DELETE ON \"InstrumentIndex\" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION instrument_count_delete()",
            "CREATE TRIGGER instrument_count_update AFTER UPDATE ON \"InstrumentIndex\" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION instrument_count_update()",
        ];

    private static string Function(string name, string statement) =>
        $"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN {statement}; RETURN NULL; END $body$";

    /// <summary>
    /// A trigger function runs with the search_path of the session that wrote, and its body names tables without their
    /// schema: the functions keep the tenant's schema they were made in (the step after the one that makes them), so that a
    /// write from a session on another path (an operator's psql, a script naming the schema) counts into the tenant's
    /// table instead of failing. None on SQLite.
    /// </summary>
    public static IEnumerable<string> PinSearchPath(string provider) => provider == Sqlite ? []
        : new[] { "instrument_count_insert", "instrument_count_delete", "instrument_count_update" }.Select(f => $"ALTER FUNCTION {f}() SET search_path FROM CURRENT");

    /// <summary>Counts every stored row (before the triggers existed).</summary>
    public const string BackFill =
        "INSERT INTO \"InstrumentCount\" (\"EnterpriseId\", \"Active\", \"Count\") " +
        "SELECT \"EnterpriseId\", \"Active\", COUNT(*) FROM \"InstrumentIndex\" GROUP BY \"EnterpriseId\", \"Active\"";
}
