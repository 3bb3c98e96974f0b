using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Metrology.Core.Data;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Benchmarks;

/// <summary>
/// The review queue (/admin/filings) as its page queries it — counts by state, then a page of 30 waiting filings by
/// submission time, and the same with the catalog-code filter over the lines — with 5,000 open filings and 200,000
/// filed lines in the tenant (two institutions), against a page read by primary key.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class FilingQueueBenchmarks
{
    private const int Open = 5_000, Reviewed = 20_000, LinesPerFiling = 8;
    private const int Institution = 1;

    private InstrumentBench _bench = null!;
    private AsyncServiceScope _scope;
    private TenantDbContext _db = null!;
    private string _pageStart = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _bench = await InstrumentBench.StartAsync();
        _scope = _bench.Scope();
        _db = _scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        await SeedAsync(_db.Database.GetDbConnection());
        _pageStart = await _db.Set<FilingIndex>().OrderBy(f => f.ContentItemId).Skip(1000).Select(f => f.ContentItemId).FirstAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task SeedAsync(DbConnection connection)
    {
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var filing = connection.CreateCommand();
        filing.Transaction = tx;
        filing.CommandText = "INSERT INTO FilingIndex (ContentItemId, EnterpriseId, InstitutionId, Number, State, LineCount, AcceptedCount, RejectedCount, CreatedUtc, SubmittedUtc) " +
            "VALUES ($id, $enterprise, $institution, $number, $state, $lines, $accepted, 0, $created, $submitted)";
        await using var line = connection.CreateCommand();
        line.Transaction = tx;
        line.CommandText = "INSERT INTO FilingLineIndex (FilingId, InstrumentId, EnterpriseId, InstitutionId, CatalogCode, Decision, \"Open\") " +
            "VALUES ($filing, $instrument, $enterprise, $institution, $catalog, $decision, $open)";
        DbParameter P(DbCommand c, string name) { var p = c.CreateParameter(); p.ParameterName = name; c.Parameters.Add(p); return p; }
        var (fId, fEnt, fInst, fNum, fState, fLines, fAcc, fCreated, fSubmitted) = (P(filing, "$id"), P(filing, "$enterprise"), P(filing, "$institution"),
            P(filing, "$number"), P(filing, "$state"), P(filing, "$lines"), P(filing, "$accepted"), P(filing, "$created"), P(filing, "$submitted"));
        var (lFiling, lInstrument, lEnt, lInst, lCatalog, lDecision, lOpen) = (P(line, "$filing"), P(line, "$instrument"), P(line, "$enterprise"),
            P(line, "$institution"), P(line, "$catalog"), P(line, "$decision"), P(line, "$open"));
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Open + Reviewed; i++)
        {
            var open = i < Open;
            var id = Guid.NewGuid().ToString("N");
            (fId.Value, fEnt.Value, fInst.Value, fNum.Value) = (id, 100_000 + i % 3000, Institution + i % 2, $"BA2025{i:D6}");
            (fState.Value, fLines.Value, fAcc.Value) = ((int)(open ? FilingState.Submitted : FilingState.Reviewed), LinesPerFiling, open ? 0 : LinesPerFiling);
            (fCreated.Value, fSubmitted.Value) = (start.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss"), start.AddMinutes(i + 5).ToString("yyyy-MM-dd HH:mm:ss"));
            await filing.ExecuteNonQueryAsync();
            for (var n = 0; n < LinesPerFiling; n++)
            {
                (lFiling.Value, lInstrument.Value, lEnt.Value, lInst.Value) = (id, Guid.NewGuid().ToString("N"), fEnt.Value, fInst.Value);
                (lCatalog.Value, lDecision.Value, lOpen.Value) = ("S0" + (101 + (i + n) % 9), (int)(open ? LineDecision.Pending : LineDecision.Accepted), open);
                await line.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    private IQueryable<FilingIndex> Visible => _db.Set<FilingIndex>().AsNoTracking().Where(f => f.State != FilingState.Draft && f.InstitutionId == Institution);

    private async Task<int> QueueAsync(IQueryable<FilingIndex> filtered)
    {
        var counts = await filtered.GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var q = filtered.Where(f => f.State == FilingState.Submitted);
        var total = await q.CountAsync();
        var rows = await q.OrderBy(f => f.SubmittedUtc).ThenBy(f => f.ContentItemId).Skip(30 * 10).Take(30).ToListAsync();
        return counts.Count + total + rows.Count;
    }

    [Benchmark(Baseline = true, Description = "30 filings by primary key (baseline)")]
    public async Task<int> ByPrimaryKey() =>
        (await _db.Set<FilingIndex>().AsNoTracking().Where(f => string.Compare(f.ContentItemId, _pageStart) >= 0).OrderBy(f => f.ContentItemId).Take(30).ToListAsync()).Count;

    [Benchmark(Description = "review queue: counts + page 11 of waiting filings")]
    public Task<int> Queue() => QueueAsync(Visible);

    [Benchmark(Description = "review queue filtered by catalog code over the lines")]
    public Task<int> QueueByCatalog()
    {
        var lines = _db.Set<FilingLineIndex>();
        return QueueAsync(Visible.Where(f => lines.Any(l => l.CatalogCode == "S0105" && l.FilingId == f.ContentItemId)));
    }
}
