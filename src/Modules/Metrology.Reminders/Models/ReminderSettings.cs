namespace Metrology.Reminders.Models;

/// <summary>
/// How a tenant reminds enterprises of valid-until (tenant document, edited at <c>/admin/reminders/settings</c> and set by the
/// <c>ReminderSettings</c> recipe step): the lead times in days before valid-until, one reminder once it has passed, the
/// channels the institute uses, the quiet hours (local time; nothing is sent between <see cref="QuietFrom"/> and
/// <see cref="QuietUntil"/>) and how many instruments a message names.
/// </summary>
public sealed record ReminderSettings
{
    public const int OverdueStage = -1;
    public const int MaxLeadDays = 365;

    public bool Enabled { get; init; } = true;
    public List<int> LeadDays { get; init; } = [30, 7];
    public bool Overdue { get; init; } = true;
    public bool Sms { get; init; } = true;
    public bool Email { get; init; }
    public TimeOnly QuietFrom { get; init; } = new(21, 0);
    public TimeOnly QuietUntil { get; init; } = new(8, 0);
    public int ListFirst { get; init; } = 3;

    /// <summary>The furthest lead time: how far ahead the job looks.</summary>
    public int Horizon => LeadDays.Count == 0 ? -1 : LeadDays.Max();

    /// <summary>Quiet hours may run over midnight (21:00–08:00); equal ends mean none.</summary>
    public bool InQuietHours(TimeOnly local) =>
        QuietFrom != QuietUntil && (QuietFrom < QuietUntil ? local >= QuietFrom && local < QuietUntil : local >= QuietFrom || local < QuietUntil);

    /// <summary>
    /// The reminder an instrument is due for, <paramref name="daysLeft"/> days before its valid-until: the nearest lead time it
    /// has reached (20 days left with 30 and 7 → 30; 5 → 7), <see cref="OverdueStage"/> once past, or null (not yet, or none).
    /// </summary>
    public int? StageOf(int daysLeft)
    {
        if (daysLeft < 0) return Overdue ? OverdueStage : null;
        var reached = LeadDays.Where(d => daysLeft <= d).ToList();
        return reached.Count == 0 ? null : reached.Min();
    }

    /// <summary>What is wrong with the settings, keyed by property name (the admin form and the recipe step both check this).</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (LeadDays.Any(d => d < 1 || d > MaxLeadDays)) problems.Add((nameof(LeadDays), $"提前天数应为 1–{MaxLeadDays} 之间的整数。"));
        else if (LeadDays.Distinct().Count() != LeadDays.Count) problems.Add((nameof(LeadDays), "提前天数不能重复。"));
        else if (LeadDays.Count > 5) problems.Add((nameof(LeadDays), "提前天数最多 5 个。"));
        if (!Sms && !Email) problems.Add((nameof(Sms), "请至少选择一种提醒渠道（短信或邮件）。"));
        if (ListFirst is < 1 or > 10) problems.Add((nameof(ListFirst), "消息中列出的器具台数应为 1–10。"));
        return problems;
    }

    public static string StageLabel(int stage) => stage == OverdueStage ? "已过有效期" : $"到期前 {stage} 天";
}
