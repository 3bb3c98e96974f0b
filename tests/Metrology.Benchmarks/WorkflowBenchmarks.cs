using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Benchmarks;

/// <summary>
/// The workflow engine with a large instance table: a 3-activity type (event → waiting event → end) and
/// <see cref="HaltedInstances"/> halted instances of it. Starting by an event, and resuming one halted instance
/// by its event and correlation id; both are index look-ups, so neither should depend on the table's size.
/// Op/s of "start" is starts per second; the mean of "resume" is the resume latency.
/// </summary>
[Config(typeof(InProcessConfig))]
[OperationsPerSecond]
public class WorkflowBenchmarks
{
    /// <summary>METROLOGY_BENCH_HALTED overrides it for a quick smoke run.</summary>
    public static int HaltedInstances => int.TryParse(Environment.GetEnvironmentVariable("METROLOGY_BENCH_HALTED"), out var n) ? n : 100_000;

    private readonly string _appData = Path.Combine(Path.GetTempPath(), "metrology-bench-wf-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _site = null!;
    private TenantScopes _scopes = null!;
    private TenantSettings _tenant = null!;
    private int _started;
    private int _resumed;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_site, _) = await BenchmarkHosts.StartSiteAsync(_appData);
        _scopes = _site.Services.GetRequiredService<TenantScopes>();
        _tenant = _site.Services.GetRequiredService<TenantRegistry>().Find("zhaoqing")!;
        var versionId = 0;
        var typeId = "";
        await _scopes.RunAsync(_tenant, async s =>
        {
            var type = await s.GetRequiredService<WorkflowTypeService>().ImportAsync(new WorkflowTypeExport
            {
                Name = "基准：提交后等待批准",
                Enabled = true,
                Activities =
                [
                    new ActivityRecord { Id = "submitted", Type = "DomainEvent", IsStart = true, Settings = new() { ["EventName"] = "BenchSubmitted" } },
                    new ActivityRecord { Id = "approved", Type = "DomainEvent", Settings = new() { ["EventName"] = "BenchApproved" } },
                    new ActivityRecord { Id = "end", Type = "Finish" },
                ],
                Transitions = [new("submitted", "Done", "approved"), new("approved", "Done", "end")],
            });
            (typeId, versionId) = (type.Id, type.CurrentVersionId);
        });
        var now = DateTime.UtcNow;
        for (var start = 0; start < HaltedInstances; start += 5000)
        {
            await _scopes.RunAsync(_tenant, async s =>
            {
                var db = s.GetRequiredService<TenantDbContext>();
                var instances = Enumerable.Range(start, Math.Min(5000, HaltedInstances - start)).Select(i => new WorkflowInstance
                {
                    InstanceId = Guid.NewGuid().ToString("N"), WorkflowTypeId = typeId, TypeVersionId = versionId, Status = WorkflowStatus.Halted,
                    CorrelationId = "halted-" + i, StateJson = "{}", CreatedUtc = now, ModifiedUtc = now,
                }).ToList();
                db.AddRange(instances);
                await db.SaveChangesAsync();
                db.AddRange(instances.Select(i => new WorkflowBlock { InstanceId = i.Id, ActivityId = "approved", EventName = "BenchApproved", CorrelationId = i.CorrelationId, CreatedUtc = now }));
                await db.SaveChangesAsync();
            });
        }
    }

    /// <summary>The floor: a tenant scope and the two indexed look-ups for an event no workflow waits for or starts with.</summary>
    [Benchmark(Baseline = true, Description = "event nothing listens to (baseline)")]
    public Task Unheard() => TriggerAsync("BenchNobody", "nobody-" + Interlocked.Increment(ref _started));

    [Benchmark(Description = "start a 3-activity workflow by its event")]
    public Task Start() => TriggerAsync("BenchSubmitted", "started-" + Interlocked.Increment(ref _started));

    [Benchmark(Description = "resume one of the halted instances by event and correlation id")]
    public Task Resume() => TriggerAsync("BenchApproved", "halted-" + (Interlocked.Increment(ref _resumed) % HaltedInstances));

    private Task TriggerAsync(string eventName, string correlationId) =>
        _scopes.RunAsync(_tenant, s => s.GetRequiredService<WorkflowManager>().TriggerAsync(eventName, new { No = correlationId }, correlationId));

    private async Task CleanupAsync()
    {
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_appData, recursive: true);
    }
}
