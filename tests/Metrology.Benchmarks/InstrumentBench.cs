using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Metrology.Benchmarks;

/// <summary>
/// The site with the zhaoqing demo tenant, a service scope in it, and the demo water utility's enterprise id. On SQLite,
/// or (when the benchmark asks for it and METROLOGY_TEST_POSTGRES names a server) on PostgreSQL, in a database made
/// for the run and dropped after it.
/// </summary>
internal sealed class InstrumentBench : IAsyncDisposable
{
    private readonly string _appData = Path.Combine(Path.GetTempPath(), "metrology-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _site = null!;
    private string? _server;
    private string? _postgres;

    public TenantSettings Tenant { get; private set; } = null!;
    public int EnterpriseId { get; private set; }
    public bool OnPostgres => _postgres is not null;

    public static async Task<InstrumentBench> StartAsync(bool postgresWhenSet = false)
    {
        var bench = new InstrumentBench();
        var server = Environment.GetEnvironmentVariable("METROLOGY_TEST_POSTGRES");
        if (postgresWhenSet && !string.IsNullOrEmpty(server))
        {
            bench._server = server;
            bench._postgres = new NpgsqlConnectionStringBuilder(server) { Database = "metrology_bench_" + Guid.NewGuid().ToString("N")[..10] }.ToString();
            await ServerAsync(server, $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(bench._postgres).Database}\"");
        }
        (bench._site, _) = await BenchmarkHosts.StartSiteAsync(bench._appData, bench._postgres);
        bench.Tenant = bench._site.Services.GetRequiredService<TenantRegistry>().Find("zhaoqing")!;
        await using var scope = bench.Scope();
        bench.EnterpriseId = await scope.ServiceProvider.GetRequiredService<Metrology.Core.Data.TenantDbContext>()
            .Set<Enterprise>().Where(e => e.ContactMobile == "13800000001").Select(e => e.Id).SingleAsync();
        return bench;
    }

    public AsyncServiceScope Scope() => _site.Services.GetRequiredService<TenantScopes>().Create(Tenant);

    private static async Task ServerAsync(string server, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped before disposed: the scheduler's jobs end before the database goes (they kept the process alive on PostgreSQL).
        await _site.StopAsync();
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_appData, recursive: true); } catch (IOException) { }
        if (_postgres is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ServerAsync(_server!, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(_postgres).Database}\" WITH (FORCE)");
        }
    }
}
