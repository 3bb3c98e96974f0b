using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Benchmarks;

/// <summary>The site with the zhaoqing demo tenant, a service scope in it, and the demo water utility's enterprise id.</summary>
internal sealed class InstrumentBench : IAsyncDisposable
{
    private readonly string _appData = Path.Combine(Path.GetTempPath(), "metrology-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _site = null!;

    public TenantSettings Tenant { get; private set; } = null!;
    public int EnterpriseId { get; private set; }

    public static async Task<InstrumentBench> StartAsync()
    {
        var bench = new InstrumentBench();
        (bench._site, _) = await BenchmarkHosts.StartSiteAsync(bench._appData);
        bench.Tenant = bench._site.Services.GetRequiredService<TenantRegistry>().Find("zhaoqing")!;
        await using var scope = bench.Scope();
        bench.EnterpriseId = await scope.ServiceProvider.GetRequiredService<Metrology.Core.Data.TenantDbContext>()
            .Set<Enterprise>().Where(e => e.ContactMobile == "13800000001").Select(e => e.Id).SingleAsync();
        return bench;
    }

    public AsyncServiceScope Scope() => _site.Services.GetRequiredService<TenantScopes>().Create(Tenant);

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_appData, recursive: true); } catch (IOException) { }
    }
}
