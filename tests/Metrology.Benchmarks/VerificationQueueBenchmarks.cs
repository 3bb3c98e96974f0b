using System.Data.Common;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Metrology.Core.Data;
using Metrology.Verification;
using Metrology.Verification.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Benchmarks;

/// <summary>
/// A lab's queue (/admin/verification) as its page queries it — the total and page 11 of one lab's open tasks by due date, and of
/// all labs — with 50,000 open tasks (and 50,000 approved ones) in the tenant over two institutions and five labs, against a page
/// read by primary key.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class VerificationQueueBenchmarks
{
    private const int Open = 50_000, Approved = 50_000, Institution = 1;
    private static readonly string[] Labs = ["Mechanics", "Electrical", "Thermal", "Length", "MandatoryRoom"];

    private InstrumentBench _bench = null!;
    private AsyncServiceScope _scope;
    private TenantDbContext _db = null!;
    private SignOff _signOff = null!;
    private string _pageStart = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _bench = await InstrumentBench.StartAsync();
        _scope = _bench.Scope();
        _db = _scope.ServiceProvider.GetRequiredService<TenantDbContext>();
        _signOff = _scope.ServiceProvider.GetRequiredService<SignOff>();
        await SeedAsync(_db.Database.GetDbConnection());
        _pageStart = await _db.Set<VerificationTask>().OrderBy(t => t.Id).Skip(1000).Select(t => t.Id).FirstAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task SeedAsync(DbConnection connection)
    {
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO VerificationTask (Id, AppointmentId, AppointmentNumber, AppointmentKind, InstrumentId, EnterpriseId, InstitutionId, Discipline, " +
            "InstrumentName, ModelSpec, SerialNumber, ReceptionPoint, ReceivedUtc, ReceivedBy, DueDate, State, \"Open\", WaitsForFees, Stamp) " +
            "VALUES ($id, $appointment, $number, 1, $instrument, $enterprise, $institution, $lab, '电子台秤', 'TCS-150', $serial, '业务大厅', $received, 'counter', $due, $state, $open, 0, $id)";
        DbParameter P(string name) { var p = insert.CreateParameter(); p.ParameterName = name; insert.Parameters.Add(p); return p; }
        var (id, appointment, number, instrument, enterprise, institution, lab, serial, received, due, state, open) =
            (P("$id"), P("$appointment"), P("$number"), P("$instrument"), P("$enterprise"), P("$institution"), P("$lab"), P("$serial"), P("$received"), P("$due"), P("$state"), P("$open"));
        var start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Open + Approved; i++)
        {
            var isOpen = i < Open;
            (id.Value, appointment.Value, number.Value, instrument.Value) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), $"YJ2026{i / 3:D6}", Guid.NewGuid().ToString("N"));
            (enterprise.Value, institution.Value, lab.Value, serial.Value) = (100_000 + i % 3000, Institution + i % 2, Labs[i % Labs.Length], $"SN{i:D7}");
            (received.Value, due.Value) = (start.AddMinutes(i * 7).ToString("yyyy-MM-dd HH:mm:ss"), DateOnly.FromDateTime(start.AddMinutes(i * 7)).AddDays(10 + i % 7).ToString("yyyy-MM-dd"));
            (state.Value, open.Value) = (isOpen ? i % 3 : (int)TaskState.Approved, isOpen);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    [Benchmark(Baseline = true, Description = "30 tasks by primary key (baseline)")]
    public async Task<int> ByPrimaryKey() =>
        (await _db.Set<VerificationTask>().AsNoTracking().Where(t => string.Compare(t.Id, _pageStart) >= 0).OrderBy(t => t.Id).Take(30).ToListAsync()).Count;

    [Benchmark(Description = "lab queue: total + page 11 of one lab's open tasks by due date")]
    public async Task<int> LabQueue()
    {
        var (rows, total) = await _signOff.QueueAsync(new StaffScope(false, Institution), "Mechanics", null, 300, 30);
        return rows.Count + total;
    }

    [Benchmark(Description = "institution queue: total + page 11 of every lab's open tasks")]
    public async Task<int> InstitutionQueue()
    {
        var (rows, total) = await _signOff.QueueAsync(new StaffScope(false, Institution), null, null, 300, 30);
        return rows.Count + total;
    }
}
