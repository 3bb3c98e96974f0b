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
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private const int Cycles = 2_000_000, Instruments = 1_000_000;
    private static readonly DateOnly From = new(2025, 1, 1), To = new(2025, 12, 31), Today = new(2026, 1, 1);

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

    /// <summary>
    /// As on a tenant upgraded with three years of facts: the facts first (two per cycle: received, approved), then the
    /// migration's back-fill of the daily totals; and the 1,000,000 instruments, mandatory and filed with the two institutions,
    /// valid until a day from a month ago to a year ahead (yearly cycles), so that 7.6% of them (38,000 an institution) are
    /// overdue and counted as the page does.
    /// </summary>
    private static async Task SeedAsync(DbConnection connection)
    {
        await connection.OpenAsync();
        await BulkRows.ExecuteAsync(connection, "DROP TRIGGER ProcessFacts_totals");
        var start = new DateOnly(2024, 1, 1);
        await BulkRows.InsertAsync(connection, "ProcessFacts",
            ["Step", "InstitutionId", "EnterpriseId", "InstrumentId", "Day", "Month", "RegionCode", "CatalogCode", "Usage", "Passed", "TurnaroundDays", "Late"], 2 * Cycles, (n, p) =>
            {
                var (i, approved) = (n / 2, n % 2 == 1);
                var day = approved ? start.AddDays(i % 1095) : start.AddDays(i % 1095 - i % 9);
                (p["InstitutionId"].Value, p["EnterpriseId"].Value, p["InstrumentId"].Value) = (1 + i % 2, 1 + i % 5000, $"i{i % Instruments:D7}");
                (p["RegionCode"].Value, p["CatalogCode"].Value, p["Usage"].Value) = ($"4412{i % 12:D2}", $"S{i % 60:D4}", 1 + i % 4);
                (p["Step"].Value, p["Day"].Value, p["Month"].Value) = ((int)(approved ? ProcessStep.Verified : ProcessStep.Received), day.ToString("yyyy-MM-dd"), day.Year * 100 + day.Month);
                (p["Passed"].Value, p["TurnaroundDays"].Value, p["Late"].Value) = approved
                    ? ((object)(i % 17 != 0), (object)(1 + i % 9), (object)(i % 9 > 6)) : (DBNull.Value, DBNull.Value, DBNull.Value);
            });
        foreach (var sql in FactTotalsSql.BackFill()) await BulkRows.ExecuteAsync(connection, sql);
        foreach (var sql in FactTotalsSql.CreateTrigger("Microsoft.EntityFrameworkCore.Sqlite")) await BulkRows.ExecuteAsync(connection, sql);

        await BulkRows.InsertAsync(connection, "InstrumentIndex",
            ["ContentItemId", "EnterpriseId", "Name", "ModelSpec", "SerialNumber", "CatalogCode", "RegionCode", "Usage", "Method", "Mandatory", "FilingStatus",
                "FilingInstitutionId", "Active", "ValidUntil", "CreatedUtc", "IdentityKey"], Instruments, (i, p) =>
            {
                (p["ContentItemId"].Value, p["EnterpriseId"].Value, p["Name"].Value, p["ModelSpec"].Value) = ($"i{i:D7}", 1 + i % 5000, "压力表", "Y-100");
                (p["SerialNumber"].Value, p["IdentityKey"].Value, p["CreatedUtc"].Value) = ($"SN{i:D8}", i.ToString("X64"), "2023-01-01 00:00:00");
                (p["CatalogCode"].Value, p["RegionCode"].Value, p["Usage"].Value, p["Method"].Value) = ($"S{i % 60:D4}", $"4412{i % 12:D2}", 1 + i % 4, 1);
                (p["Mandatory"].Value, p["FilingStatus"].Value, p["FilingInstitutionId"].Value, p["Active"].Value) = (true, 2, 1 + i % 2, true);
                p["ValidUntil"].Value = Today.AddDays(i % 395 - 30).ToString("yyyy-MM-dd");
            });
        await BulkRows.ExecuteAsync(connection, "ANALYZE");
    }

    [Benchmark(Baseline = true, Description = "count(*) of a year and institution")]
    public Task<int> Count() => _db.Set<ProcessFactRow>().CountAsync(f => f.InstitutionId == 1 && f.Day >= From && f.Day <= To);

    [Benchmark(Description = "a year of one institution by month")]
    public Task<StatisticsResult> ByMonth() => _report.RunAsync(1, From, To, Breakdown.Month, Today);

    [Benchmark(Description = "a year of one institution by region")]
    public Task<StatisticsResult> ByRegion() => _report.RunAsync(1, From, To, Breakdown.Region, Today);

    [Benchmark(Description = "a year of one institution by catalog item")]
    public Task<StatisticsResult> ByCatalog() => _report.RunAsync(1, From, To, Breakdown.Catalog, Today);

    [Benchmark(Description = "a year of all institutions by usage")]
    public Task<StatisticsResult> AllByUsage() => _report.RunAsync(null, From, To, Breakdown.Usage, Today);
}
