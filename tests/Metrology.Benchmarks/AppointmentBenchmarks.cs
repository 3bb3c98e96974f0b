using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Metrology.Appointments;
using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Excel;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Benchmarks;

/// <summary>
/// 约检 at scale (issue 16): an enterprise with 20,000 filed instruments picks 200 of them into a new appointment through
/// the library's filter (从设备库导入: serial number contains) and the use case's checks, then cancels it; and the slip
/// (预约单, one A4 page with both copies) rendered to PDF: its operations per second are pages per second. The baseline
/// reads the same 200 instruments by id.
/// </summary>
[Config(typeof(SingleRunConfig))]
[IterationCount(10)]
[WarmupCount(2)]
[MemoryDiagnoser]
public class AppointmentBenchmarks
{
    public const int Library = 20_000, Picked = 200;

    private InstrumentBench _bench = null!;
    private EnterpriseInfo _enterprise = null!;
    private int _institution;
    private List<string> _picked = [];
    private List<string> _onSlip = [];
    private string _confirmed = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _bench = await InstrumentBench.StartAsync();
        await using var scope = _bench.Scope();
        var services = scope.ServiceProvider;
        var library = services.GetRequiredService<InstrumentLibrary>();
        var sheet = await library.SheetAsync();
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [sheet.Sheet(Enumerable.Range(1, Library).Select(i => (IReadOnlyList<string?>)
        [
            $"膜式燃气表{i % 40}", "G4", $"BK{i:D6}", null, "某某仪表厂", "1", "2", "4", "3", "1", "441202", "S0401", "计量室", "调压站", null, null, null, null, null,
        ]))]);
        buffer.Position = 0;
        var imported = await library.ImportAsync(_bench.EnterpriseId, buffer, importValidRows: false, "bench");
        if (imported.Errors.Count > 0) throw new InvalidOperationException(imported.Errors[0].Message);

        // Filed with the institute today (inside the booking window), as an accepted filing leaves them.
        var db = services.GetRequiredService<TenantDbContext>();
        _institution = await db.Set<Metrology.ReferenceData.Models.Institution>().Where(i => i.Name == "肇庆市质量计量监督检测所").Select(i => i.Id).FirstAsync();
        var today = DateOnly.FromDateTime(DateTime.Now);
        await db.Set<InstrumentIndex>().Where(i => i.SerialNumber.StartsWith("BK")).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.FilingStatus, FilingStatus.Filed).SetProperty(i => i.FilingInstitutionId, _institution)
            .SetProperty(i => i.FiledOn, today).SetProperty(i => i.Mandatory, true));
        _enterprise = (await services.GetRequiredService<IEnterpriseDirectory>().FindAsync(_bench.EnterpriseId))!;
        var records = services.GetRequiredService<IInstrumentRecords>();
        _onSlip = (await records.SearchAsync(_bench.EnterpriseId, new InstrumentSearch(SerialContains: "BK01999"), 0, 12)).Items.Select(i => i.Id).ToList();
        _picked = (await PickAsync(services, _bench.EnterpriseId, _institution, _onSlip)).ToList();
        if (_picked.Count != Picked) throw new InvalidOperationException($"the filter picked {_picked.Count}");

        // One confirmed on-site booking of 12 instruments for the slip.
        var appointments = services.GetRequiredService<AppointmentService>();
        var (id, created) = await appointments.CreateAsync(_enterprise, AppointmentKind.OnSite, _institution,
            new OnSiteDetails("肇庆市端州区示例路 1 号", "陈工", "13800000001", "周三上午"), "bench");
        if (!created.Succeeded) throw new InvalidOperationException(created.Errors[0].Message);
        if (await appointments.AddAsync(_enterprise, id!, _onSlip, "bench") is { Succeeded: false } added) throw new InvalidOperationException(added.Errors[0].Message);
        _confirmed = id!;
    }

    /// <summary>从设备库导入's filters: serial number contains "BK0", filed with the institution, not on the slip's booking; the first 200.</summary>
    private static async Task<IEnumerable<string>> PickAsync(IServiceProvider services, int enterpriseId, int institution, IReadOnlyCollection<string> except)
    {
        var (items, _) = await services.GetRequiredService<IInstrumentRecords>().SearchAsync(enterpriseId,
            new InstrumentSearch(SerialContains: "BK0", Filing: FilingStatus.Filed, FiledWith: institution, Except: except), 0, Picked);
        return items.Select(i => i.Id);
    }

    [Benchmark(Baseline = true, Description = "200 instruments by id (baseline)")]
    public int ById() => ByIdAsync().GetAwaiter().GetResult();

    private async Task<int> ByIdAsync()
    {
        await using var scope = _bench.Scope();
        return (await scope.ServiceProvider.GetRequiredService<IInstrumentRecords>().FindAsync(_bench.EnterpriseId, _picked)).Count;
    }

    [Benchmark(Description = "pick 200 of 20,000 filed instruments into a new appointment (then cancel it)")]
    public int Pick() => PickIntoAppointmentAsync().GetAwaiter().GetResult();

    private async Task<int> PickIntoAppointmentAsync()
    {
        await using var scope = _bench.Scope();
        var services = scope.ServiceProvider;
        var appointments = services.GetRequiredService<AppointmentService>();
        var (id, created) = await appointments.CreateAsync(_enterprise, AppointmentKind.BookedDelivery, _institution, null, "bench");
        if (!created.Succeeded) throw new InvalidOperationException(created.Errors[0].Message);
        var found = (await PickAsync(services, _bench.EnterpriseId, _institution, _onSlip)).ToList();
        var added = await appointments.AddAsync(_enterprise, id!, found, "bench");
        if (!added.Succeeded) throw new InvalidOperationException(added.Errors[0].Message);
        await appointments.CancelAsync(_enterprise, id!, "bench");
        return found.Count;
    }

    [Benchmark(Description = "slip PDF, one A4 page (ops/s = pages/s)")]
    public int Slip() => SlipAsync().GetAwaiter().GetResult();

    private async Task<int> SlipAsync()
    {
        await using var scope = _bench.Scope();
        var services = scope.ServiceProvider;
        var (_, part) = (await services.GetRequiredService<AppointmentService>().GetAsync(_bench.EnterpriseId, _confirmed))!.Value;
        return (await services.GetRequiredService<AppointmentDocuments>().SlipAsync(part, _enterprise)).Length;
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
