using Metrology.Core.Tenants;
using Metrology.Reminders.Models;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Reminders;

/// <summary>Two runs at the same moment (two nodes, or a run and a retry) send each enterprise's reminder once: the claims decide.</summary>
public sealed class ReminderRaceTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Two_runs_racing_send_one_message_and_claim_each_instrument_once(string provider)
    {
        var site = await FilingSite.CreateAsync(provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite, "RemindRace", "chongqing");
        await site.SettingsAsync(new ReminderSettings { LeadDays = [30, 7], QuietFrom = new(0, 0), QuietUntil = new(0, 0) });
        var due = new DateOnly(2031, 6, 30);
        var enterprise = await site.EnterpriseAsync("并发提醒有限公司", "13700000201");
        await site.FiledInstrumentsAsync(enterprise, "RR", 12, due);
        var clock = new MovableClock(default);
        clock.MorningOf(due.AddDays(-30));

        // Each run in its own scope and connection, as two nodes would.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => site.RunAsync(clock))));

        Assert.Single(await site.RemindersToAsync("13700000201"));
        var claims = await site.ClaimsOfAsync(enterprise);
        Assert.Equal(12, claims.Count);
        Assert.Equal(12, claims.Select(c => c.InstrumentId).Distinct().Count());
    }
}
