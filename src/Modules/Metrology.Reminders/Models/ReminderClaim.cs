namespace Metrology.Reminders.Models;

/// <summary>
/// One reminder sent (or being sent): unique per (instrument, valid-until, stage), so an instrument is reminded once per lead
/// time per cycle, however many runs or nodes try; the claim commits with the outbox message. A staff member's
/// "立即提醒" claims (<see cref="ManualKey"/> of the enterprise, the day, <see cref="ManualStage"/>): once a day per enterprise.
/// </summary>
public sealed class ReminderClaim
{
    public const int ManualStage = -2;

    public int Id { get; set; }
    public string InstrumentId { get; set; } = "";
    public DateOnly ValidUntil { get; set; }
    public int Stage { get; set; }
    public int EnterpriseId { get; set; }
    public DateTime ClaimedUtc { get; set; }

    /// <summary>How the enterprise was told ("短信、邮件"), or why not.</summary>
    public string? Outcome { get; set; }

    public static string ManualKey(int enterpriseId) => $"manual:{enterpriseId}";
}

/// <summary>The channels an enterprise chose for reminders (among those the institute uses); no row = the institute's.</summary>
public sealed class ReminderPreference
{
    public int EnterpriseId { get; set; }
    public bool Sms { get; set; }
    public bool Email { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
