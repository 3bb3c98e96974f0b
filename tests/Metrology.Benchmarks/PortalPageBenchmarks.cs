using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Builder;

namespace Metrology.Benchmarks;

/// <summary>
/// An anonymous portal page of a tenant (tenant resolution, localization, Razor layout with the site
/// settings) against a bare endpoint that returns the same bytes: the ratio is the framework's cost.
/// </summary>
[Config(typeof(Config))]
public class PortalPageBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
            Options |= ConfigOptions.DisableOptimizationsValidator;
        }
    }

    private readonly string _appData = Path.Combine(Path.GetTempPath(), "metrology-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _site = null!;
    private WebApplication _bare = null!;
    private HttpClient _siteClient = null!;
    private HttpClient _bareClient = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_site, var siteAddress) = await BenchmarkHosts.StartSiteAsync(_appData);
        _siteClient = new HttpClient { BaseAddress = siteAddress };
        var page = await _siteClient.GetAsync("/zhaoqing/");
        page.EnsureSuccessStatusCode();
        var body = await page.Content.ReadAsByteArrayAsync();
        (_bare, var bareAddress) = await BenchmarkHosts.StartBareAsync(body, page.Content.Headers.ContentType!.ToString());
        _bareClient = new HttpClient { BaseAddress = bareAddress };
    }

    [Benchmark(Baseline = true, Description = "bare endpoint, same bytes")]
    public Task<byte[]> BareEndpoint() => _bareClient.GetByteArrayAsync("/");

    [Benchmark(Description = "tenant portal page /zhaoqing/")]
    public Task<byte[]> TenantPortalPage() => _siteClient.GetByteArrayAsync("/zhaoqing/");

    private async Task CleanupAsync()
    {
        _siteClient.Dispose();
        _bareClient.Dispose();
        await _site.DisposeAsync();
        await _bare.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_appData, recursive: true);
    }
}
