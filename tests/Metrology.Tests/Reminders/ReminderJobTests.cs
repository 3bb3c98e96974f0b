using Metrology.Core.Notifications;
using Metrology.Reminders.Models;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Reminders;

/// <summary>The reminder run with a controlled clock: once per lead time per cycle, none after booking, one message per enterprise, quiet hours.</summary>
public sealed class ReminderJobTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private static readonly ReminderSettings Settings = new() { LeadDays = [30, 7], Overdue = true, Sms = true, Email = true, QuietFrom = new(21, 0), QuietUntil = new(8, 0) };

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "Remind", "chongqing");
        await _site.SettingsAsync(Settings);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_due_instrument_is_reminded_once_at_30_days_once_at_7_and_once_when_overdue_never_twice()
    {
        var due = new DateOnly(2031, 6, 30);
        var enterprise = await _site.EnterpriseAsync("提醒测试一有限公司", "13700000101");
        var ids = await _site.FiledInstrumentsAsync(enterprise, "R1", 1, due);
        var clock = new MovableClock(default);

        clock.MorningOf(due.AddDays(-31));
        await _site.RunAsync(clock);
        Assert.Empty(await _site.RemindersToAsync("13700000101"));

        clock.MorningOf(due.AddDays(-30));
        await _site.RunAsync(clock);
        await _site.RunAsync(clock);
        var first = Assert.Single(await _site.RemindersToAsync("13700000101"));
        Assert.Equal(NotificationChannel.Sms, first.Channel);
        Assert.Contains("1 台", first.Body);
        Assert.Contains("R1-001", first.Body);

        clock.MorningOf(due.AddDays(-20));
        await _site.RunAsync(clock);
        Assert.Single(await _site.RemindersToAsync("13700000101"));

        clock.MorningOf(due.AddDays(-7));
        await _site.RunAsync(clock);
        clock.MorningOf(due.AddDays(-6));
        await _site.RunAsync(clock);
        Assert.Equal(2, (await _site.RemindersToAsync("13700000101")).Count);

        clock.MorningOf(due.AddDays(1));
        await _site.RunAsync(clock);
        await _site.RunAsync(clock);
        Assert.Equal(3, (await _site.RemindersToAsync("13700000101")).Count);

        var claims = await _site.ClaimsOfAsync(enterprise);
        Assert.Equal([ReminderSettings.OverdueStage, 7, 30], claims.Select(c => c.Stage).Order());
        Assert.All(claims, c => Assert.Equal((ids[0], due), (c.InstrumentId, c.ValidUntil)));

        // A new cycle (a new valid-until after verification) is reminded again.
        await _site.InTenantAsync(async s => await s.GetRequiredService<Metrology.Instruments.InstrumentLibrary>().UpdateAsync(ids[0], p => p with { ValidUntil = due.AddYears(1) }, "t"));
        clock.MorningOf(due.AddYears(1).AddDays(-30));
        await _site.RunAsync(clock);
        Assert.Equal(4, (await _site.RemindersToAsync("13700000101")).Count);
    }

    [Fact]
    public async Task Booking_the_instrument_stops_its_reminders()
    {
        var due = new DateOnly(2032, 3, 31);
        var enterprise = await _site.EnterpriseAsync("提醒测试二有限公司", "13700000102");
        var ids = await _site.FiledInstrumentsAsync(enterprise, "R2", 2, due);
        var clock = new MovableClock(default);

        clock.MorningOf(due.AddDays(-30));
        await _site.RunAsync(clock);
        Assert.Contains("2 台", Assert.Single(await _site.RemindersToAsync("13700000102")).Body);

        clock.MorningOf(due.AddDays(-20));
        await _site.BookAsync("13700000102", [ids[0]], clock);

        clock.MorningOf(due.AddDays(-7));
        await _site.RunAsync(clock);
        var messages = await _site.RemindersToAsync("13700000102");
        Assert.Equal(2, messages.Count);
        Assert.Contains("1 台", messages[1].Body);
        Assert.Contains("R2-002", messages[1].Body);
        Assert.DoesNotContain("R2-001", messages[1].Body);
        Assert.DoesNotContain(await _site.ClaimsOfAsync(enterprise), c => c.InstrumentId == ids[0] && c.Stage == 7);
    }

    [Fact]
    public async Task Forty_due_instruments_of_one_enterprise_make_one_message_with_the_count_and_the_first_few()
    {
        var due = new DateOnly(2033, 9, 30);
        var enterprise = await _site.EnterpriseAsync("提醒测试三有限公司", "13700000103");
        await _site.FiledInstrumentsAsync(enterprise, "R3", 40, due);
        var clock = new MovableClock(default);

        clock.MorningOf(due.AddDays(-10));
        var result = await _site.RunAsync(clock);

        var message = Assert.Single(await _site.RemindersToAsync("13700000103"));
        Assert.Contains("40 台", message.Body);
        Assert.Contains("R3-001", message.Body);
        Assert.Contains("R3-003", message.Body);
        Assert.DoesNotContain("R3-004", message.Body);
        Assert.Contains("等", message.Body);
        Assert.Equal(40, (await _site.ClaimsOfAsync(enterprise)).Count);
        Assert.True(result.Instruments >= 40);
    }

    [Fact]
    public async Task Nothing_is_sent_in_quiet_hours_and_the_reminder_goes_out_after_them()
    {
        var due = new DateOnly(2034, 5, 31);
        var enterprise = await _site.EnterpriseAsync("提醒测试四有限公司", "13700000104");
        await _site.FiledInstrumentsAsync(enterprise, "R4", 1, due);
        // 22:30 and 07:30 in China are inside 21:00–08:00.
        var clock = new MovableClock(due.AddDays(-30).ToDateTime(new TimeOnly(14, 30)));
        Assert.True((await _site.RunAsync(clock)).Quiet);
        clock.Utc = due.AddDays(-29).ToDateTime(new TimeOnly(23, 30)).AddDays(-1);
        Assert.True((await _site.RunAsync(clock)).Quiet);
        Assert.Empty(await _site.RemindersToAsync("13700000104"));
        Assert.Empty(await _site.ClaimsOfAsync(enterprise));

        clock.Utc = due.AddDays(-29).ToDateTime(new TimeOnly(0, 30)); // 08:30 in China
        Assert.False((await _site.RunAsync(clock)).Quiet);
        Assert.Single(await _site.RemindersToAsync("13700000104"));
    }

    [Fact]
    public async Task The_enterprise_choice_of_channel_is_used_within_the_institute_channels()
    {
        var due = new DateOnly(2035, 1, 31);
        var enterprise = await _site.EnterpriseAsync("提醒测试五有限公司", "13700000105", "meter105@example.com");
        await _site.FiledInstrumentsAsync(enterprise, "R5", 1, due);
        await _site.InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<Metrology.Core.Data.TenantDbContext>();
            db.Add(new ReminderPreference { EnterpriseId = enterprise, Sms = false, Email = true, UpdatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var clock = new MovableClock(default);
        clock.MorningOf(due.AddDays(-30));
        await _site.RunAsync(clock);
        Assert.Empty(await _site.RemindersToAsync("13700000105"));
        var mail = Assert.Single(await _site.RemindersToAsync("meter105@example.com"));
        Assert.Equal(NotificationChannel.Email, mail.Channel);
        Assert.Contains("1 台", mail.Subject);
    }

    [Fact]
    public async Task A_message_no_channel_accepts_is_not_claimed_and_the_next_run_tries_again()
    {
        var due = new DateOnly(2036, 2, 29);
        var enterprise = await _site.EnterpriseAsync("提醒测试六有限公司", "0755-1234");
        await _site.FiledInstrumentsAsync(enterprise, "R6", 1, due);
        var clock = new MovableClock(default);
        clock.MorningOf(due.AddDays(-30));
        Assert.True((await _site.RunAsync(clock)).Lost >= 1);
        Assert.Empty(await _site.ClaimsOfAsync(enterprise));

        await _site.InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<Metrology.Core.Data.TenantDbContext>();
            (await db.Set<Metrology.Enterprises.Models.Enterprise>().FindAsync(enterprise))!.ContactMobile = "13700000106";
            return await db.SaveChangesAsync();
        });
        await _site.RunAsync(clock);
        Assert.Single(await _site.RemindersToAsync("13700000106"));
        Assert.Equal("短信", Assert.Single(await _site.ClaimsOfAsync(enterprise)).Outcome);
    }
}
