using System.Threading.Channels;
using Metrology.Core.Setup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Metrology.Core.Tenants;

/// <summary>
/// On PostgreSQL, listens for other nodes' changes (<see cref="TenantCaches"/>): a tenant's name empties its caches here,
/// <see cref="TenantCaches.Registry"/> reads the registry again. After a lost connection everything is emptied and read
/// again, since messages may have been missed.
/// </summary>
internal sealed class TenantChangeListener(TenantRegistry registry, TenantCaches caches, TenantActivator activator, HostStartup startup,
    ILogger<TenantChangeListener> log) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await startup.Ready.WaitAsync(ct);
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            var host = registry.Default;
            if (host.DatabaseProvider != DatabaseProvider.Postgres) return;
            try
            {
                await ListenAsync(host.ConnectionString!, catchUp: !first, ct);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                log.LogWarning(e, "Listening for other nodes' changes failed; trying again in {Retry}", Retry);
            }
            first = false;
            await Task.Delay(Retry, ct);
        }
    }

    private async Task ListenAsync(string connectionString, bool catchUp, CancellationToken ct)
    {
        var messages = Channel.CreateUnbounded<string>();
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30 }.ToString());
        conn.Notification += (_, e) => messages.Writer.TryWrite(e.Payload);
        await conn.OpenAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {TenantCaches.Channel}", conn)) await listen.ExecuteNonQueryAsync(ct);
        if (catchUp)
        {
            await RegistryRefresh.RefreshAsync(registry, activator, ct);
            await caches.EvictAllAsync();
        }
        var handling = HandleAsync(messages.Reader, ct);
        try
        {
            while (!ct.IsCancellationRequested) await conn.WaitAsync(ct);
        }
        finally
        {
            messages.Writer.TryComplete();
            await handling;
        }
    }

    private async Task HandleAsync(ChannelReader<string> messages, CancellationToken ct)
    {
        await foreach (var message in messages.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (message == TenantCaches.Registry) await RegistryRefresh.RefreshAsync(registry, activator, ct);
                else await caches.EvictAsync(message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Applying another node's change {Message} failed", message);
            }
        }
    }
}
