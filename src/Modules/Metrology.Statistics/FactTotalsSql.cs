namespace Metrology.Statistics;

/// <summary>
/// The SQL that keeps <see cref="Models.ProcessFactTotal"/>: the four counts of a fact (turnaround, region, catalog item, usage)
/// inserted by the trigger, the same counts of every stored fact for the back-fill, and the trigger itself. Identifiers are
/// quoted, which SQLite and PostgreSQL read the same way.
/// </summary>
internal static class FactTotalsSql
{
    public const string Columns = "\"InstitutionId\", \"Day\", \"Dimension\", \"Key\", \"Step\", \"Kind\", \"Month\", \"Count\", \"Passed\", \"Late\", \"Compacted\"";

    /// <summary>(dimension, key expression over a fact <c>f</c>, condition).</summary>
    private static readonly (int Dimension, string Key, string Where)[] Dimensions =
    [
        (0, "CAST(f.\"TurnaroundDays\" AS varchar(20))", $"f.\"Step\" = {(int)Core.Statistics.ProcessStep.Verified} AND f.\"TurnaroundDays\" IS NOT NULL"),
        (1, "COALESCE(f.\"RegionCode\", '')", "1 = 1"),
        (2, "COALESCE(f.\"CatalogCode\", '')", "1 = 1"),
        (3, "COALESCE(CAST(f.\"Usage\" AS varchar(20)), '')", "1 = 1"),
    ];

    private const string Passed = "CASE WHEN f.\"Passed\" THEN 1 ELSE 0 END", Late = "CASE WHEN f.\"Late\" THEN 1 ELSE 0 END";

    /// <summary>The trigger's statements: the new fact's row, named <c>f</c>, counted under each dimension.</summary>
    private static string AddNew => string.Concat(Dimensions.Select(d =>
        $"INSERT INTO \"ProcessFactTotals\" ({Columns}) " +
        $"SELECT f.\"InstitutionId\", f.\"Day\", {d.Dimension}, {d.Key}, f.\"Step\", COALESCE(f.\"Kind\", 0), f.\"Month\", 1, {Passed}, {Late}, FALSE " +
        $"FROM (SELECT NEW.\"InstitutionId\" AS \"InstitutionId\", NEW.\"Day\" AS \"Day\", NEW.\"Step\" AS \"Step\", NEW.\"Kind\" AS \"Kind\", " +
        $"NEW.\"Month\" AS \"Month\", NEW.\"RegionCode\" AS \"RegionCode\", NEW.\"CatalogCode\" AS \"CatalogCode\", NEW.\"Usage\" AS \"Usage\", " +
        $"NEW.\"Passed\" AS \"Passed\", NEW.\"Late\" AS \"Late\", NEW.\"TurnaroundDays\" AS \"TurnaroundDays\") f WHERE {d.Where}; "));

    /// <summary>The insert trigger on ProcessFacts (a plpgsql function and its trigger on PostgreSQL).</summary>
    public static IEnumerable<string> CreateTrigger(string provider) => provider == "Microsoft.EntityFrameworkCore.Sqlite"
        ? [$"CREATE TRIGGER ProcessFacts_totals AFTER INSERT ON ProcessFacts BEGIN {AddNew}END"]
        : [$"CREATE FUNCTION process_facts_totals() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN {AddNew}RETURN NULL; END $body$",
            "CREATE TRIGGER process_facts_totals AFTER INSERT ON \"ProcessFacts\" FOR EACH ROW EXECUTE FUNCTION process_facts_totals()"];

    /// <summary>
    /// The trigger function runs with the writing session's search_path, and its body names tables without their schema:
    /// it keeps the tenant's schema it was made in (the step after the one that makes it), so that an insert from a session
    /// on another path (an operator's psql, a script naming the schema) is totalled instead of failing. None on SQLite.
    /// </summary>
    public static IEnumerable<string> PinSearchPath(string provider) => provider == "Microsoft.EntityFrameworkCore.Sqlite" ? []
        : ["ALTER FUNCTION process_facts_totals() SET search_path FROM CURRENT"];

    /// <summary>Statements counting every stored fact into the totals, already compacted.</summary>
    public static IEnumerable<string> BackFill() => Dimensions.Select(d =>
        $"INSERT INTO \"ProcessFactTotals\" ({Columns}) " +
        $"SELECT f.\"InstitutionId\", f.\"Day\", {d.Dimension}, {d.Key}, f.\"Step\", COALESCE(f.\"Kind\", 0), MIN(f.\"Month\"), COUNT(*), SUM({Passed}), SUM({Late}), TRUE " +
        $"FROM \"ProcessFacts\" f WHERE {d.Where} GROUP BY f.\"InstitutionId\", f.\"Day\", {d.Key}, f.\"Step\", COALESCE(f.\"Kind\", 0)");
}
