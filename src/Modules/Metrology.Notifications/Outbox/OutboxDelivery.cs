using Metrology.Core.Data;
using Metrology.Core.Settings;
using Metrology.Notifications.Email;
using Metrology.Notifications.Models;
using Metrology.Notifications.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Metrology.Notifications.Outbox;

/// <summary>
/// Sends the tenant's due messages. Each message is first claimed with a conditional update (pending and
/// due → sending, with this run's token); only the run whose update changed the row sends it, so two
/// nodes never send one message. The outcome is written only while the claim is still this run's.
/// A failure is retried with exponential back-off until <see cref="MaxAttempts"/>, then the message is failed.
/// </summary>
public sealed class OutboxDelivery(TenantDbContext db, DocumentStore documents, IEnumerable<ISmsProvider> smsProviders,
    EmailSender email, TimeProvider clock, ILogger<OutboxDelivery> log)
{
    public const int MaxAttempts = 6;
    public const int BatchSize = 50;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(2);

    /// <summary>A claim older than this belongs to a run that died (a node stopped mid-send); its message is pending again.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min, … at most 2 h.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));

    /// <summary>Sends every message due now; returns how many this run sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - ClaimTimeout;
        await db.Set<NotificationMessage>()
            .Where(m => m.Status == NotificationStatus.Sending && m.ClaimedUtc < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, NotificationStatus.Pending).SetProperty(m => m.ClaimToken, (string?)null), ct);
        var due = await db.Set<NotificationMessage>().AsNoTracking()
            .Where(m => m.Status == NotificationStatus.Pending && m.NextAttemptUtc <= now)
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            if (await DeliverAsync(id, ct) == NotificationStatus.Sent) sent++;
        }
        return sent;
    }

    /// <summary>
    /// Claims and sends one message if it is pending and due; returns its status afterwards (null when
    /// another run holds it or it is not due). Without <paramref name="retry"/> (an administrator's test
    /// message) a failure is final at once.
    /// </summary>
    public async Task<NotificationStatus?> DeliverAsync(int id, CancellationToken ct = default, bool retry = true)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid().ToString("N");
        var claimed = await db.Set<NotificationMessage>()
            .Where(m => m.Id == id && m.Status == NotificationStatus.Pending && m.NextAttemptUtc <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, NotificationStatus.Sending)
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.ClaimedUtc, now), ct);
        if (claimed != 1) return null;

        var message = await db.Set<NotificationMessage>().AsNoTracking().Include(m => m.Attachments).FirstAsync(m => m.Id == id, ct);
        var (provider, result) = await SendAsync(message, ct);
        var attempts = message.Attempts + 1;
        var status = result.Succeeded ? NotificationStatus.Sent : attempts >= MaxAttempts || !retry ? NotificationStatus.Failed : NotificationStatus.Pending;
        var done = clock.GetUtcNow().UtcDateTime;
        var next = result.Succeeded ? message.NextAttemptUtc : done + Backoff(attempts);
        var answer = Http.Trim(result.Answer);
        DateTime? sentUtc = result.Succeeded ? done : null;
        // CancellationToken.None: once sent, the outcome must be written even if the run is being stopped.
        await db.Set<NotificationMessage>()
            .Where(m => m.Id == id && m.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.SentUtc, sentUtc)
                .SetProperty(m => m.Provider, provider)
                .SetProperty(m => m.LastAnswer, answer)
                .SetProperty(m => m.ClaimToken, (string?)null)
                .SetProperty(m => m.ClaimedUtc, (DateTime?)null), CancellationToken.None);
        if (!result.Succeeded) log.LogWarning("Notification {Id} ({Channel}) attempt {Attempt} failed: {Answer}", id, message.Channel, attempts, answer);
        return status;
    }

    /// <summary>Puts a failed message back in the queue for a new round of attempts (an administrator's "resend").</summary>
    public async Task<bool> ResendAsync(int id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<NotificationMessage>()
            .Where(m => m.Id == id && m.Status == NotificationStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, NotificationStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptUtc, now), ct) == 1;
    }

    private async Task<(string Provider, DeliveryResult Result)> SendAsync(NotificationMessage message, CancellationToken ct)
    {
        var name = "?";
        try
        {
            if (message.Channel == NotificationChannel.Email)
            {
                var settings = await documents.GetAsync<EmailSettings>(ct);
                name = settings.Mode == EmailMode.Pickup ? EmailSender.PickupName : EmailSender.SmtpName;
                return (name, await email.SendAsync(message, settings, ct));
            }
            var sms = await documents.GetAsync<SmsSettings>(ct);
            name = sms.DefaultProvider;
            var provider = smsProviders.FirstOrDefault(p => p.Name == sms.DefaultProvider);
            return provider is null
                ? (name, DeliveryResult.Fail($"短信服务“{sms.DefaultProvider}”不存在。"))
                : (name, await provider.SendAsync(message, sms, ct));
        }
        // Whatever a provider throws is that attempt's answer; only a stopping run leaves the claim to time out.
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return (name, DeliveryResult.Fail($"{e.GetType().Name}: {e.Message}"));
        }
    }
}
