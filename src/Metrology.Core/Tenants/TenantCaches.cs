using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace Metrology.Core.Tenants;

/// <summary>
/// The per-node caches of a tenant (site settings, content definitions, the portal menu, output-cached pages) and how a
/// change empties them on every node (ADR 0017). A cache entry carries <see cref="Token"/>; a change calls
/// <see cref="ChangedAsync"/>, which empties this node's entries at once and, on PostgreSQL, tells the other nodes with
/// <c>pg_notify</c> (<see cref="TenantChangeListener"/> empties theirs). A node that misses a message still drops the
/// entry when it expires (30–60 s). A change of the registry is announced as <see cref="Registry"/>.
/// </summary>
public sealed class TenantCaches(IOutputCacheStore pages, TenantRegistry registry, ILogger<TenantCaches> log)
{
    public const string Channel = "metrology_tenant_changed";

    /// <summary>The message for "the registry changed": not a tenant name (names are letters and digits).</summary>
    public const string Registry = "*registry";

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _access = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Put on a cache entry of <paramref name="tenant"/>: the entry is dropped when the tenant's caches are emptied.</summary>
    public IChangeToken Token(string tenant) => new CancellationChangeToken(_tokens.GetOrAdd(tenant, _ => new()).Token);

    /// <summary>
    /// Put on a cache entry of what a signed-in user of <paramref name="tenant"/> may do (<see cref="Security.UserAccessCache"/>):
    /// dropped when users, roles or enterprises change (<see cref="AccessChangedAsync"/>) and whenever the tenant's caches are emptied.
    /// </summary>
    public IChangeToken AccessToken(string tenant) => new CancellationChangeToken(_access.GetOrAdd(tenant, _ => new()).Token);

    /// <summary>
    /// A user, role or enterprise of the tenant changed: empties what is cached of its users here and tells the other nodes
    /// (which empty all the tenant's caches: the message names only the tenant). Its pages stay cached here: they are anonymous.
    /// </summary>
    public async Task AccessChangedAsync(string tenant)
    {
        if (_access.TryRemove(tenant, out var source)) source.Cancel();
        await NotifyAsync(tenant);
    }

    /// <summary>The tenant's cached state changed here: empties its caches on this node and tells the others.</summary>
    public async Task ChangedAsync(string tenant)
    {
        await EvictAsync(tenant);
        await NotifyAsync(tenant);
    }

    /// <summary>Empties the tenant's caches on this node only.</summary>
    public async Task EvictAsync(string tenant)
    {
        if (_tokens.TryRemove(tenant, out var source)) source.Cancel();
        if (_access.TryRemove(tenant, out var access)) access.Cancel();
        await Web.AnonymousPageCache.EvictAsync(pages, tenant);
    }

    /// <summary>Empties every tenant's caches on this node (after missed messages).</summary>
    public async Task EvictAllAsync()
    {
        foreach (var tenant in registry.All) await EvictAsync(tenant.Name);
    }

    /// <summary>Tells the other nodes (PostgreSQL only: SQLite is one node). A failure leaves them to their expiry.</summary>
    public async Task NotifyAsync(string message)
    {
        var host = registry.Default;
        if (host.DatabaseProvider != DatabaseProvider.Postgres || host.State == TenantState.Uninitialized) return;
        try
        {
            await using var conn = new NpgsqlConnection(host.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT pg_notify(@channel, @message)", conn);
            cmd.Parameters.AddWithValue("channel", Channel);
            cmd.Parameters.AddWithValue("message", message);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            log.LogWarning(e, "Telling the other nodes that {Message} changed failed; they see it when their caches expire", message);
        }
    }
}
