using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Metrology.Core.Data;
using Metrology.Core.Statistics;
using Metrology.Statistics;
using Metrology.Statistics.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Benchmarks;

/// <summary>
/// The statistics page's queries (a year of one institution, by month / region / catalog item; all institutions by usage) on a
/// tenant with 2,000,000 verification cycles of 1,000,000 instruments over three years (a received and an approved fact each,
/// two institutions), against <c>SELECT count(*)</c> of the same year and institution's facts on their index. The report reads the
/// daily totals (compacted, as the hourly job leaves them).
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(8));
            Options |= ConfigOptions.DisableOptimizationsValidator;
        }
    }

    private const int Cycles = 2_000_000, Instruments = 1_000_000;
    private static readonly DateOnly From = new(2025, 1, 1), To = new(2025, 12, 31);

    private InstrumentBench _bench = null!;
    private AsyncServiceScope _scope;
    private TenantDbContext _db = null!;
    private StatisticsReport _report = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _bench = await InstrumentBench.StartAsync();
        _scope = _bench.Scope();
        _db = _scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        _report = _scope.ServiceProvider.GetRequiredService<StatisticsReport>();
        await SeedAsync(_db.Database.GetDbConnection());
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task SeedAsync(DbConnection connection)
    {
        await connection.OpenAsync();
        // As on a tenant upgraded with three years of facts: the facts first, then the migration's back-fill of the daily totals.
        await ExecuteAsync(connection, "DROP TRIGGER ProcessFacts_totals");
        await using var tx = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO ProcessFacts (Step, InstitutionId, EnterpriseId, InstrumentId, Day, Month, RegionCode, CatalogCode, Usage, Passed, TurnaroundDays, Late) " +
            "VALUES ($step, $institution, $enterprise, $instrument, $day, $month, $region, $catalog, $usage, $passed, $turnaround, $late)";
        DbParameter P(string name) { var p = insert.CreateParameter(); p.ParameterName = name; insert.Parameters.Add(p); return p; }
        var (step, institution, enterprise, instrument, day, month, region, catalog, usage, passed, turnaround, late) =
            (P("$step"), P("$institution"), P("$enterprise"), P("$instrument"), P("$day"), P("$month"), P("$region"), P("$catalog"), P("$usage"), P("$passed"), P("$turnaround"), P("$late"));
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < Cycles; i++)
        {
            var d = start.AddDays(i % 1095);
            var received = d.AddDays(-(i % 9));
            (institution.Value, enterprise.Value, instrument.Value) = (1 + i % 2, 1 + i % 5000, $"i{i % Instruments:D7}");
            (region.Value, catalog.Value, usage.Value) = ($"4412{i % 12:D2}", $"S{i % 60:D4}", 1 + i % 4);
            (step.Value, day.Value, month.Value, passed.Value, turnaround.Value, late.Value) =
                ((int)ProcessStep.Received, received.ToString("yyyy-MM-dd"), received.Year * 100 + received.Month, DBNull.Value, DBNull.Value, DBNull.Value);
            await insert.ExecuteNonQueryAsync();
            (step.Value, day.Value, month.Value, passed.Value, turnaround.Value, late.Value) =
                ((int)ProcessStep.Verified, d.ToString("yyyy-MM-dd"), d.Year * 100 + d.Month, i % 17 != 0, 1 + i % 9, i % 9 > 6);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        foreach (var sql in FactTotalsSql.BackFill()) await ExecuteAsync(connection, sql);
        foreach (var sql in FactTotalsSql.CreateTrigger("Microsoft.EntityFrameworkCore.Sqlite")) await ExecuteAsync(connection, sql);
        await ExecuteAsync(connection, "ANALYZE");
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    [Benchmark(Baseline = true, Description = "count(*) of a year and institution")]
    public Task<int> Count() => _db.Set<ProcessFactRow>().CountAsync(f => f.InstitutionId == 1 && f.Day >= From && f.Day <= To);

    [Benchmark(Description = "a year of one institution by month")]
    public Task<StatisticsResult> ByMonth() => _report.RunAsync(1, From, To, Breakdown.Month);

    [Benchmark(Description = "a year of one institution by region")]
    public Task<StatisticsResult> ByRegion() => _report.RunAsync(1, From, To, Breakdown.Region);

    [Benchmark(Description = "a year of one institution by catalog item")]
    public Task<StatisticsResult> ByCatalog() => _report.RunAsync(1, From, To, Breakdown.Catalog);

    [Benchmark(Description = "a year of all institutions by usage")]
    public Task<StatisticsResult> AllByUsage() => _report.RunAsync(null, From, To, Breakdown.Usage);
}
