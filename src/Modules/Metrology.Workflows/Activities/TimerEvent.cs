using System.ComponentModel.DataAnnotations;
using Metrology.Workflows.Models;
using Quartz;

namespace Metrology.Workflows.Activities;

public sealed class TimerSettings
{
    [Required, Display(Name = "Cron 表达式（北京时间，如 0 0 9 * * ?）")]
    public string? Cron { get; set; }
}

/// <summary>
/// A cron time: as a start, the type starts an instance at each time; in the flow, the instance waits for
/// the next time. Due times are rows of WorkflowTimers that the timer job claims, so each fires once.
/// </summary>
public sealed class TimerEvent : WorkflowEvent<TimerSettings>
{
    public const string Event = "$Timer";
    internal static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public override string Name => "Timer";
    public override string DisplayName => "定时";
    public override string Description => "按设定的时间（每天、每周…）开始流程，或让流程等到那时。";
    public override string Category => "定时";

    public override string EventName(TimerSettings settings) => Event;

    public override IEnumerable<string> Validate(ActivityRecord activity)
    {
        foreach (var problem in base.Validate(activity)) yield return problem;
        var cron = ((TimerSettings)SettingsOf(activity)).Cron;
        if (!string.IsNullOrWhiteSpace(cron) && !IsValid(cron)) yield return $"Cron 表达式「{cron}」无效";
    }

    private static bool IsValid(string cron)
    {
        try
        {
            _ = new CronExpression(cron, ChinaTime);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The first time after <paramref name="afterUtc"/>, or null when there is none.</summary>
    public static DateTime? Next(string cron, DateTime afterUtc) =>
        new CronExpression(cron, ChinaTime).GetNextValidTimeAfter(new DateTimeOffset(afterUtc, TimeSpan.Zero))?.UtcDateTime;

    protected override Task<ActivityResult> HaltingAsync(ActivityContext context, TimerSettings settings)
    {
        if (Next(settings.Cron!, context.NowUtc) is not { } due) return Task.FromResult(ActivityResult.Done("Done"));
        context.Db.Add(new WorkflowTimer
        {
            WorkflowTypeId = context.Instance.WorkflowTypeId,
            TypeVersionId = context.Instance.TypeVersionId,
            InstanceId = context.Instance.Id,
            ActivityId = context.Activity.Id,
            Cron = settings.Cron!,
            DueUtc = due,
        });
        return Task.FromResult(ActivityResult.Halt());
    }
}
