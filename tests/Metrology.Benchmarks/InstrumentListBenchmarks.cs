using Metrology.Core.Instruments;
using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Metrology.Core.Data;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Benchmarks;

/// <summary>
/// The library's list (bounded count + a page of 20 by keyset, as the page runs them: <see cref="InstrumentLibrary.PageAsync"/>)
/// with 20,000 instruments in the enterprise and 500,000 in the tenant, seeded straight into the index table; against the
/// same page read by primary key; on PostgreSQL when METROLOGY_TEST_POSTGRES names a server. "Page n" starts after the last row of page n - 1
/// and carries the first page's count, as the page's 下一页 link does (so it does not count again); "first page" counts.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class InstrumentListBenchmarks
{
    private const int InEnterprise = 20_000;
    private const int InTenant = 500_000;

    private InstrumentBench _bench = null!;
    private AsyncServiceScope _scope;
    private InstrumentLibrary _library = null!;
    private TenantDbContext _db = null!;
    private string _pageStart = "";
    private readonly Dictionary<string, string> _after = [];
    private readonly Dictionary<InstrumentFilter, int> _counted = [];

    private static readonly InstrumentFilter Default = new();
    private static readonly InstrumentFilter NameUsageBySerial = new() { Name = "压力表", Usage = 1, Sort = "serial" };
    private static readonly InstrumentFilter DueMandatory = new() { ValidFrom = new DateOnly(2021, 1, 1), ValidTo = new DateOnly(2021, 12, 31), Mandatory = true };

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _bench = await InstrumentBench.StartAsync(postgresWhenSet: true);
        Console.WriteLine(_bench.OnPostgres ? "// database: PostgreSQL" : "// database: SQLite");
        _scope = _bench.Scope();
        _library = _scope.ServiceProvider.GetRequiredService<InstrumentLibrary>();
        _db = _scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        await SeedAsync(_db.Database.GetDbConnection(), _bench.EnterpriseId);
        _pageStart = await _db.Set<InstrumentIndex>().Where(i => i.EnterpriseId == _bench.EnterpriseId)
            .OrderBy(i => i.ContentItemId).Skip(200).Select(i => i.ContentItemId).FirstAsync();
        _after["default 11"] = await LastOfPageAsync(Default, 10);
        _after["filtered 3"] = await LastOfPageAsync(NameUsageBySerial, 2);
        _after["due 2"] = await LastOfPageAsync(DueMandatory, 1);
        _after["default deep"] = await LastOfPageAsync(Default, InEnterprise * 19 / 20 / 20 - 1);
        foreach (var filter in new[] { Default, NameUsageBySerial, DueMandatory })
            _counted[filter] = (await _library.PageAsync(_bench.EnterpriseId, filter, new LibraryCursor(), 20)).Count;
    }

    /// <summary>The id of page <paramref name="page"/>'s last row (what its 下一页 link carries).</summary>
    private Task<string> LastOfPageAsync(InstrumentFilter filter, int page) =>
        _library.Query(_bench.EnterpriseId, filter).Skip(page * 20 - 1).Select(i => i.ContentItemId).FirstAsync();

    private static readonly string[] SeedColumns = ["ContentItemId", "EnterpriseId", "Name", "ModelSpec", "SerialNumber", "OwnNumber", "CatalogCode", "RegionCode",
        "Department", "Usage", "Method", "Mandatory", "FilingStatus", "Active", "ValidUntil", "CreatedUtc", "IdentityKey"];

    /// <summary>
    /// The enterprise's 20,000 and 480,000 of 240 other enterprises, with names, usages, departments and dates spread so the
    /// filters select a part of them (values in <see cref="SeedColumns"/>'s order).
    /// </summary>
    private static IEnumerable<object?[]> SeedRows(int enterpriseId)
    {
        string[] names = ["压力表", "电能表", "水表", "血压计", "加油机", "电子秤", "燃气表", "流量计"];
        string[] departments = ["供水部", "计量室", "化验室", "检验科"];
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < InTenant; i++)
            yield return
            [
                Guid.NewGuid().ToString("N"), i < InEnterprise ? enterpriseId : 100_000 + i % 240, names[i % names.Length] + (i % 13), "M-" + i % 17,
                "SN" + i.ToString("D8"), null, "S0" + (101 + i % 9), "441202", departments[i % departments.Length], 1 + i % 4, 1 + i % 2,
                i % 3 == 0, i % 4, i % 20 != 0, DateOnly.FromDateTime(start.AddDays(i % 1500)), start.AddMinutes(i), i.ToString("X64"),
            ];
    }

    /// <summary>Seeds the rows: on SQLite one prepared insert in one transaction, on PostgreSQL one binary COPY; then the statistics.</summary>
    private static async Task SeedAsync(DbConnection connection, int enterpriseId)
    {
        await connection.OpenAsync();
        if (connection is Npgsql.NpgsqlConnection pg)
        {
            var copy = $"COPY \"InstrumentIndex\" ({string.Join(",", SeedColumns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using (var import = await pg.BeginBinaryImportAsync(copy))
            {
                foreach (var row in SeedRows(enterpriseId))
                {
                    await import.StartRowAsync();
                    foreach (var value in row)
                        if (value is null) await import.WriteNullAsync(); else await import.WriteAsync(value);
                }
                await import.CompleteAsync();
            }
        }
        else
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO InstrumentIndex ({string.Join(",", SeedColumns)}) VALUES ({string.Join(",", SeedColumns.Select(c => "$" + c))})";
            var p = SeedColumns.Select(c => { var x = insert.CreateParameter(); x.ParameterName = "$" + c; insert.Parameters.Add(x); return x; }).ToArray();
            foreach (var row in SeedRows(enterpriseId))
            {
                for (var c = 0; c < row.Length; c++) p[c].Value = row[c] ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        await using var analyze = connection.CreateCommand();
        // On PostgreSQL VACUUM too, as autovacuum leaves a table in use: index-only scans read no rows once the visibility map is set.
        analyze.CommandText = connection is Npgsql.NpgsqlConnection ? "VACUUM ANALYZE \"InstrumentIndex\"" : "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>A page as its link reaches it: from <paramref name="at"/>, with the first page's count (none for the first page).</summary>
    private async Task<int> PageAsync(InstrumentFilter filter, LibraryCursor at)
    {
        if (at.After is not null || at.Last) at = at with { Count = _counted[filter] };
        var page = await _library.PageAsync(_bench.EnterpriseId, filter, at, 20);
        return page.Count + page.Rows.Count;
    }

    [Benchmark(Baseline = true, Description = "same page by primary key (baseline)")]
    public async Task<int> ByPrimaryKey()
    {
        var rows = await _db.Set<InstrumentIndex>().AsNoTracking().Where(i => string.Compare(i.ContentItemId, _pageStart) >= 0)
            .OrderBy(i => i.ContentItemId).Take(20).ToListAsync();
        return rows.Count;
    }

    [Benchmark(Description = "library, default sort, page 11")]
    public Task<int> DefaultList() => PageAsync(Default, new LibraryCursor(After: _after["default 11"]));

    [Benchmark(Description = "library, name + usage filter, sorted by serial, page 3")]
    public Task<int> Filtered() => PageAsync(NameUsageBySerial, new LibraryCursor(After: _after["filtered 3"]));

    [Benchmark(Description = "library, valid-until range + mandatory, page 2")]
    public Task<int> DueRange() => PageAsync(DueMandatory, new LibraryCursor(After: _after["due 2"]));

    [Benchmark(Description = "library, name + usage filter, sorted by serial, first page (counts)")]
    public Task<int> FilteredFirst() => PageAsync(NameUsageBySerial, new LibraryCursor());

    [Benchmark(Description = "library, default sort, last page")]
    public Task<int> LastPage() => PageAsync(Default, new LibraryCursor(Last: true));

    [Benchmark(Description = "library, default sort, a deep page (after row 18,980)")]
    public Task<int> DeepPage() => PageAsync(Default, new LibraryCursor(After: _after["default deep"]));

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
