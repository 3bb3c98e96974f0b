using Metrology.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Reminders;

/// <summary>
/// The reminder run, every hour on the hour (China time): the first run of a day outside the quiet hours sends that day's
/// reminders; later runs find them claimed and send only what became due since (an instrument filed today). On PostgreSQL
/// Quartz fires it on one node; the claims keep it to once even if two runs meet.
/// </summary>
internal sealed class ReminderJob : ITenantJob
{
    public const string JobName = "expiry-reminders";

    public string Name => JobName;

    public string Cron => "0 0 * * * ?";

    public Task ExecuteAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<ReminderService>().RunAsync(ct);
}
