using System.Data;
using Metrology.Core.Data;
using Metrology.Core.Jobs;
using Metrology.Statistics.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Statistics;

/// <summary>
/// Replaces the rows of each day that has new facts by one row per institution, dimension, key, step and kind. What it sums
/// and what it deletes are the same rows: on PostgreSQL both statements read one snapshot (repeatable read) and delete only
/// ids up to the largest the snapshot saw, so a fact committed meanwhile stays as it is for the next run; SQLite has one
/// writer. Two runs at once: the second fails on the rows the first deleted and changes nothing.
/// </summary>
public sealed class FactTotalsCompaction(TenantDbContext db)
{
    private const string DaysWithNewRows = "SELECT \"Day\" FROM \"ProcessFactTotals\" WHERE NOT \"Compacted\"";

    /// <summary>Compacts, and returns how many rows it replaced.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, ct);
        var last = await db.Set<ProcessFactTotal>().MaxAsync(t => (int?)t.Id, ct);
        if (last is null || !await db.Set<ProcessFactTotal>().AnyAsync(t => !t.Compacted, ct)) return 0;
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO \"ProcessFactTotals\" ({FactTotalsSql.Columns}) " +
            "SELECT \"InstitutionId\", \"Day\", \"Dimension\", \"Key\", \"Step\", \"Kind\", MIN(\"Month\"), SUM(\"Count\"), SUM(\"Passed\"), SUM(\"Late\"), TRUE " +
            $"FROM \"ProcessFactTotals\" WHERE \"Id\" <= {{0}} AND \"Day\" IN ({DaysWithNewRows}) GROUP BY \"InstitutionId\", \"Day\", \"Dimension\", \"Key\", \"Step\", \"Kind\"",
            [last.Value], ct);
        var replaced = await db.Database.ExecuteSqlRawAsync(
            $"DELETE FROM \"ProcessFactTotals\" WHERE \"Id\" <= {{0}} AND \"Day\" IN ({DaysWithNewRows})", [last.Value], ct);
        await tx.CommitAsync(ct);
        return replaced;
    }
}

/// <summary>Compacts the statistics' daily totals every hour (China time), so the report reads about one row per group and day.</summary>
internal sealed class FactTotalsJob : ITenantJob
{
    public string Name => "statistics-totals";

    public string Cron => "0 20 * * * ?";

    public Task ExecuteAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<FactTotalsCompaction>().RunAsync(ct);
}
