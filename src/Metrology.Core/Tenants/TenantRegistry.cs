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
    private volatile Snapshot _snapshot = new([]);

    public IReadOnlyList<TenantSettings> All => _snapshot.Tenants;

    public TenantSettings Default => Find(TenantSettings.DefaultName) ?? Template();

    public TenantSettings? Find(string name) =>
        _snapshot.Tenants.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The tenant for a request: among the tenants that claim the host name (with or without port), or
    /// else those that claim none, the one whose prefix is the first path segment, else the one without
    /// a prefix, else Default.
    /// </summary>
    public TenantSettings Resolve(HostString host, string path, out string? prefix)
    {
        // Every request asks: loops over the snapshot, without allocating (ADR 0021).
        var (tenants, hosts) = (_snapshot.Tenants, _snapshot.Hosts);
        var byHost = false;
        for (var i = 0; i < tenants.Count && !byHost; i++) byHost = Claims(hosts[i], host);
        var segment = FirstSegment(path);
        TenantSettings? withoutPrefix = null;
        for (var i = 0; i < tenants.Count; i++)
        {
            // The pool: the tenants that claim the host, or else those that claim no host at all.
            if (byHost ? !Claims(hosts[i], host) : hosts[i].Length > 0) continue;
            var tenant = tenants[i];
            if (!segment.IsEmpty && segment.Equals(tenant.RequestUrlPrefix, StringComparison.OrdinalIgnoreCase))
            {
                prefix = tenant.RequestUrlPrefix;
                return tenant;
            }
            if (withoutPrefix is null && string.IsNullOrEmpty(tenant.RequestUrlPrefix) && !tenant.IsDefault) withoutPrefix = tenant;
        }
        prefix = null;
        return withoutPrefix ?? Default;
    }

    private static bool Claims(string[] hosts, HostString host)
    {
        foreach (var h in hosts)
        {
            if (string.Equals(h, host.Host, StringComparison.OrdinalIgnoreCase) || string.Equals(h, host.Value, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The tenants, each with its host names split once; replaced whole when the registry is read again.</summary>
    private sealed class Snapshot(IReadOnlyList<TenantSettings> tenants)
    {
        public IReadOnlyList<TenantSettings> Tenants { get; } = tenants;
        public string[][] Hosts { get; } = tenants.Select(t => t.HostList.ToArray()).ToArray();
    }

    /// <summary>Reads the registry again (after a change, or to see another node's change).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var template = Template();
        if (!await database.ExistsAsync(template, ct))
        {
            _snapshot = new([template]);
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        if (!await HasRegistryTableAsync(host, ct))
        {
            // The database is there but setup never finished writing the registry.
            _snapshot = new([template]);
            return;
        }
        var rows = await host.Tenants.AsNoTracking().ToListAsync(ct);
        if (!rows.Any(r => r.IsDefault)) rows.Insert(0, template);
        _snapshot = new(rows);
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
        _snapshot = new([Template()]);
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

    private static ReadOnlySpan<char> FirstSegment(string path)
    {
        var trimmed = path.AsSpan().TrimStart('/');
        var end = trimmed.IndexOf('/');
        return end < 0 ? trimmed : trimmed[..end];
    }
}
