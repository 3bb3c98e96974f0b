namespace Metrology.Core.Jobs;

/// <summary>
/// Recurring work a feature does in each tenant where it is enabled (reminders, outbox delivery,
/// clean-up). Runs in a scope bound to the tenant; never twice at once for one tenant.
/// </summary>
public interface ITenantJob
{
    /// <summary>Unique among jobs.</summary>
    string Name { get; }

    /// <summary>Quartz cron expression, in China Standard Time.</summary>
    string Cron { get; }

    Task ExecuteAsync(IServiceProvider services, CancellationToken ct);
}
