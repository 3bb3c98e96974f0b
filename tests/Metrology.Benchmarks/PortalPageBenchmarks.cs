using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.AspNetCore.Builder;

namespace Metrology.Benchmarks;

/// <summary>
/// Anonymous portal pages of a tenant against bare endpoints that return the same bytes, measured in the
/// same run: the ratio is the framework's cost. The home page (tenant resolution, localization, layout
/// with site settings and navigation) and a published guide page, from the output cache and not.
/// </summary>
[Config(typeof(InProcessConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PortalPageBenchmarks
{
    private readonly string _appData = Path.Combine(Path.GetTempPath(), "metrology-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _site = null!;
    private WebApplication _bare = null!;
    private HttpClient _siteClient = null!;
    private HttpClient _bareClient = null!;
    private int _miss;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_site, var siteAddress) = await BenchmarkHosts.StartSiteAsync(_appData);
        _siteClient = new HttpClient { BaseAddress = siteAddress };
        var home = await _siteClient.GetAsync("/zhaoqing/");
        home.EnsureSuccessStatusCode();
        var guide = await _siteClient.GetByteArrayAsync("/zhaoqing/guide");
        (_bare, var bareAddress) = await BenchmarkHosts.StartBareAsync(
            new Dictionary<string, byte[]> { ["/"] = await home.Content.ReadAsByteArrayAsync(), ["/guide"] = guide },
            home.Content.Headers.ContentType!.ToString());
        _bareClient = new HttpClient { BaseAddress = bareAddress };
    }

    [Benchmark(Baseline = true, Description = "bare endpoint, home page bytes"), BenchmarkCategory("home")]
    public Task<byte[]> BareHome() => _bareClient.GetByteArrayAsync("/");

    [Benchmark(Description = "tenant home page /zhaoqing/"), BenchmarkCategory("home")]
    public Task<byte[]> TenantHome() => _siteClient.GetByteArrayAsync("/zhaoqing/");

    [Benchmark(Baseline = true, Description = "bare endpoint, guide bytes"), BenchmarkCategory("guide")]
    public Task<byte[]> BareGuide() => _bareClient.GetByteArrayAsync("/guide");

    [Benchmark(Description = "published guide, output cache"), BenchmarkCategory("guide")]
    public Task<byte[]> GuideCached() => _siteClient.GetByteArrayAsync("/zhaoqing/guide");

    [Benchmark(Description = "published guide, not cached"), BenchmarkCategory("guide")]
    public Task<byte[]> GuideUncached() => _siteClient.GetByteArrayAsync("/zhaoqing/guide?page=" + Interlocked.Increment(ref _miss)); // another cache key each time

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
