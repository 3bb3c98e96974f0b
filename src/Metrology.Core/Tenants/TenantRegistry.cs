using Metrology.Core.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Tenants;

/// <summary>
/// The tenants of this host, read from the registry table in the Default tenant's database and kept in
/// memory. Before Default is set up, the registry holds Default alone, built from configuration.
/// </summary>
public sealed class TenantRegistry(IServiceScopeFactory scopes, IOptions<MetrologyOptions> options, TenantDatabase database, AppPaths paths)
{
    private volatile IReadOnlyList<TenantSettings> _tenants = [];

    public IReadOnlyList<TenantSettings> All => _tenants;

    public TenantSettings Default => Find(TenantSettings.DefaultName) ?? Template();

    public TenantSettings? Find(string name) =>
        _tenants.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The tenant for a request: among the tenants that claim the host name (with or without port), or
    /// else those that claim none, the one whose prefix is the first path segment, else the one without
    /// a prefix, else Default.
    /// </summary>
    public TenantSettings Resolve(HostString host, string path, out string? prefix)
    {
        prefix = null;
        var tenants = _tenants;
        var byHost = tenants.Where(t => t.HostList.Any(h =>
            string.Equals(h, host.Host, StringComparison.OrdinalIgnoreCase) || string.Equals(h, host.Value, StringComparison.OrdinalIgnoreCase))).ToList();
        var pool = byHost.Count > 0 ? byHost : tenants.Where(t => !t.HostList.Any()).ToList();
        var segment = FirstSegment(path);
        var byPrefix = segment is null ? null : pool.FirstOrDefault(t =>
            string.Equals(t.RequestUrlPrefix, segment, StringComparison.OrdinalIgnoreCase));
        if (byPrefix is not null)
        {
            prefix = byPrefix.RequestUrlPrefix;
            return byPrefix;
        }
        return pool.FirstOrDefault(t => string.IsNullOrEmpty(t.RequestUrlPrefix) && !t.IsDefault) ?? Default;
    }

    /// <summary>Reads the registry again (after a change, or to see another node's change).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var template = Template();
        if (!await database.ExistsAsync(template, ct))
        {
            _tenants = [template];
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        if (!await HasRegistryTableAsync(host, ct))
        {
            // The database is there but setup never finished writing the registry.
            _tenants = [template];
            return;
        }
        var rows = await host.Tenants.AsNoTracking().ToListAsync(ct);
        if (!rows.Any(r => r.IsDefault)) rows.Insert(0, template);
        _tenants = rows;
    }

    /// <summary>
    /// Chooses Default's database before it is set up (the setup page). The choice is kept in
    /// App_Data/host.json, which the host reads at start: the registry lives in that database.
    /// </summary>
    public async Task UseDefaultDatabaseAsync(DatabaseProvider provider, string? connectionString, CancellationToken ct = default)
    {
        if (Default.State != TenantState.Uninitialized) throw new InvalidOperationException("默认租户已经初始化。");
        _database = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
        Directory.CreateDirectory(paths.AppData);
        var json = System.Text.Json.JsonSerializer.Serialize(new { Metrology = new { Database = new { Provider = provider.ToString(), ConnectionString = connectionString } } });
        await File.WriteAllTextAsync(Path.Combine(paths.AppData, HostFile), json, ct);
        _tenants = [Template()];
    }

    /// <summary>The file in App_Data that records Default's database when the setup page chose it.</summary>
    public const string HostFile = "host.json";

    private DatabaseOptions? _database;

    /// <summary>Default as configuration describes it, before anything is stored.</summary>
    public TenantSettings Template()
    {
        var db = _database ?? options.Value.Database;
        return new TenantSettings
        {
            Name = TenantSettings.DefaultName,
            State = TenantState.Uninitialized,
            DatabaseProvider = db.Provider,
            ConnectionString = db.Provider == DatabaseProvider.Postgres ? db.ConnectionString : null,
        };
    }

    private static async Task<bool> HasRegistryTableAsync(HostDbContext host, CancellationToken ct)
    {
        var sql = host.Database.IsNpgsql()
            ? "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Tenants'"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'Tenants'";
        return await host.Database.SqlQueryRaw<int>(sql).SingleAsync(ct) > 0;
    }

    private static string? FirstSegment(string path)
    {
        var trimmed = path.TrimStart('/');
        if (trimmed.Length == 0) return null;
        var end = trimmed.IndexOf('/');
        return end < 0 ? trimmed : trimmed[..end];
    }
}
