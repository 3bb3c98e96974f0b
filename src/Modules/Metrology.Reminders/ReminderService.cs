using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Notifications;
using Metrology.Core.Settings;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Metrology.Reminders;

/// <summary>What a run did: enterprises told, instruments claimed, and whether it stopped for quiet hours or settings.</summary>
public sealed record ReminderRunResult(int Messages, int Instruments, bool Quiet = false, bool Off = false, int Lost = 0);

/// <summary>
/// 到期提醒 (seed 004 §一 3 (10): book within a month before valid-until): finds the mandatory, active instruments whose
/// valid-until is within a lead time or past, that are not booked, claims each for its stage and cycle (valid-until) and
/// tells each enterprise once per run, in one message with the count and the first few, on the channels it chose; then
/// raises <see cref="ReminderEvents.DueSoon"/>. The claims and the outbox messages commit together, so a run that loses a
/// race (another node, another run) sends nothing for that enterprise.
/// </summary>
public sealed class ReminderService(TenantDbContext db, DocumentStore documents, SiteSettingsService site, IInstrumentRecords instruments,
    IAppointmentRecords appointments, IEnterpriseDirectory enterprises, INotificationSender sender, IWorkflowEvents events, TimeProvider clock,
    ILogger<ReminderService> log)
{
    public Task<ReminderSettings> SettingsAsync(CancellationToken ct = default) => documents.GetAsync<ReminderSettings>(ct);

    /// <summary>The site's local time now.</summary>
    public async Task<DateTime> LocalNowAsync(CancellationToken ct = default) => (await site.GetAsync(ct)).Local(clock.GetUtcNow().UtcDateTime);

    /// <summary>The mandatory, active instruments due by <paramref name="to"/> that are not booked (the job's, the pages' query).</summary>
    public DueSearch Unbooked(DateOnly to, DateOnly? from = null, int? institutionId = null, int? enterpriseId = null, string? regionCode = null, IQueryable<int>? among = null) =>
        new(to, from, institutionId, enterpriseId, regionCode, among, appointments.BookedInstrumentIds());

    public async Task<ReminderRunResult> RunAsync(CancellationToken ct = default)
    {
        var settings = await SettingsAsync(ct);
        if (!settings.Enabled || (settings.LeadDays.Count == 0 && !settings.Overdue)) return new(0, 0, Off: true);
        var now = await LocalNowAsync(ct);
        if (settings.InQuietHours(TimeOnly.FromDateTime(now))) return new(0, 0, Quiet: true);
        var today = DateOnly.FromDateTime(now);
        var (due, _) = await instruments.DueAsync(Unbooked(today.AddDays(settings.Horizon), settings.Overdue ? null : today), 0, int.MaxValue, ct);
        int messages = 0, claimed = 0, lost = 0;
        foreach (var group in due.GroupBy(i => i.EnterpriseId))
        {
            var staged = group.Select(i => (Instrument: i, Stage: settings.StageOf(i.ValidUntil!.Value.DayNumber - today.DayNumber)))
                .Where(x => x.Stage is not null).Select(x => (x.Instrument, Stage: x.Stage!.Value)).ToList();
            if (staged.Count == 0) continue;
            var earliest = staged.Min(x => x.Instrument.ValidUntil!.Value);
            var done = (await db.Set<ReminderClaim>().AsNoTracking().Where(c => c.EnterpriseId == group.Key && c.ValidUntil >= earliest)
                .Select(c => new { c.InstrumentId, c.ValidUntil, c.Stage }).ToListAsync(ct)).Select(c => (c.InstrumentId, c.ValidUntil, c.Stage)).ToHashSet();
            var pending = staged.Where(x => !done.Contains((x.Instrument.Id, x.Instrument.ValidUntil!.Value, x.Stage))).ToList();
            if (pending.Count == 0) continue;
            if (await enterprises.FindAsync(group.Key, ct) is not { Active: true } enterprise) continue;
            var claims = pending.Select(x => new ReminderClaim { InstrumentId = x.Instrument.Id, ValidUntil = x.Instrument.ValidUntil!.Value, Stage = x.Stage, EnterpriseId = group.Key }).ToList();
            if (await SendAsync(enterprise, settings, ReminderMessage.Of(pending, settings.ListFirst, false), claims, ct) is null) { messages++; claimed += claims.Count; }
            else lost++;
        }
        return new(messages, claimed, Lost: lost);
    }

    /// <summary>
    /// 立即提醒 (staff, overdue follow-up): one message now with the enterprise's instruments past valid-until and not booked
    /// within the staff member's scope; once a day per enterprise. Returns the problem in Chinese, or null when queued.
    /// </summary>
    public async Task<string?> SendNowAsync(int enterpriseId, int? institutionId, CancellationToken ct = default)
    {
        var settings = await SettingsAsync(ct);
        var now = await LocalNowAsync(ct);
        if (settings.InQuietHours(TimeOnly.FromDateTime(now)))
            return $"现在是免打扰时段（{settings.QuietFrom:HH\\:mm}–{settings.QuietUntil:HH\\:mm}），请在此时段之外发送。";
        var today = DateOnly.FromDateTime(now);
        var (overdue, _) = await instruments.DueAsync(Unbooked(today.AddDays(-1), institutionId: institutionId, enterpriseId: enterpriseId), 0, 500, ct);
        if (overdue.Count == 0) return "该企业没有逾期未约检的器具。";
        if (await enterprises.FindAsync(enterpriseId, ct) is not { } enterprise) return "企业不存在。";
        var claim = new ReminderClaim { InstrumentId = ReminderClaim.ManualKey(enterpriseId), ValidUntil = today, Stage = ReminderClaim.ManualStage, EnterpriseId = enterpriseId };
        var message = ReminderMessage.Of(overdue.Select(i => (i, ReminderSettings.OverdueStage)).ToList(), settings.ListFirst, true);
        return await SendAsync(enterprise, settings, message, [claim], ct);
    }

    /// <summary>The channels the enterprise gets: the institute's, narrowed by the enterprise's choice.</summary>
    public async Task<(bool Sms, bool Email)> ChannelsAsync(int enterpriseId, ReminderSettings settings, CancellationToken ct = default)
    {
        var choice = await db.Set<ReminderPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.EnterpriseId == enterpriseId, ct);
        return choice is null ? (settings.Sms, settings.Email) : (settings.Sms && choice.Sms, settings.Email && choice.Email);
    }

    /// <summary>
    /// Claims and queues in one save and raises the event; returns why not: another run holds one of the claims (nothing is
    /// sent), or every channel refused the message (a rate limit, a bad number: nothing is claimed, the next run tries again).
    /// </summary>
    private async Task<string?> SendAsync(EnterpriseInfo enterprise, ReminderSettings settings, ReminderMessage message, List<ReminderClaim> claims, CancellationToken ct)
    {
        var (sms, email) = await ChannelsAsync(enterprise.Id, settings, ct);
        // An enterprise that chose e-mail but has no address still hears by SMS, where the institute uses it.
        if (email && string.IsNullOrWhiteSpace(enterprise.Email)) { email = false; sms = sms || settings.Sms; }
        var model = Model(enterprise, message);
        var outcomes = new List<(bool Queued, bool Failed, string Text)>();
        if (sms) outcomes.Add(await QueueAsync(NotificationChannel.Sms, enterprise.ContactMobile, model, enterprise.Id, ct));
        if (email) outcomes.Add(await QueueAsync(NotificationChannel.Email, enterprise.Email!, model, enterprise.Id, ct));
        if (outcomes.Any(o => o.Failed) && !outcomes.Any(o => o.Queued))
        {
            db.ChangeTracker.Clear();
            return "未能发送：" + string.Join("；", outcomes.Select(o => o.Text));
        }
        var utc = clock.GetUtcNow().UtcDateTime;
        var text = outcomes.Count == 0 ? "企业未选择提醒渠道" : string.Join("；", outcomes.Select(o => o.Text));
        foreach (var claim in claims) { claim.ClaimedUtc = utc; claim.Outcome = text.Length > 200 ? text[..200] : text; db.Add(claim); }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // The unique claim key: another node or run has this enterprise's reminder; its message is the one that goes.
            log.LogInformation(e, "Reminder for enterprise {Enterprise} already claimed", enterprise.Id);
            db.ChangeTracker.Clear();
            return "今天已经提醒过该企业。";
        }
        await events.TriggerAsync(ReminderEvents.DueSoon, ReminderEvents.Payload(enterprise, message), $"enterprise:{enterprise.Id}", ct);
        return null;
    }

    private async Task<(bool Queued, bool Failed, string Text)> QueueAsync(NotificationChannel channel, string recipient, object model, int enterpriseId, CancellationToken ct)
    {
        var name = channel == NotificationChannel.Sms ? "短信" : "邮件";
        if (!await sender.CanSendAsync(NotificationKinds.ExpiryReminder, channel, ct)) return (false, false, $"{name}：没有到期提醒模板");
        try
        {
            await sender.QueueTemplateAsync(NotificationKinds.ExpiryReminder, channel, recipient, model, correlationId: $"enterprise:{enterpriseId}", ct: ct);
            return (true, false, name);
        }
        catch (NotificationException e)
        {
            return (false, true, $"{name}未发送：{e.Message}");
        }
    }

    /// <summary>The template's values (kind ExpiryReminder): <c>instrument.*</c> is the earliest due, as the single-instrument templates read it.</summary>
    private static object Model(EnterpriseInfo enterprise, ReminderMessage m) => new
    {
        enterprise = new { name = enterprise.Name },
        count = m.Count,
        overdueCount = m.OverdueCount,
        instruments = m.Instruments,
        stage = m.Stage,
        instrument = new { name = m.FirstName, serialNumber = m.FirstSerialNumber, dueDate = m.EarliestDue },
    };
}
