using Metrology.Core.Enterprises;
using Metrology.Core.Workflows;

namespace Metrology.Reminders;

/// <summary>The domain event of a reminder, for workflows (e.g. tell the lab). Correlation: "enterprise:{id}".</summary>
public static class ReminderEvents
{
    public const string DueSoon = "InstrumentsDueSoon";

    public static object Payload(EnterpriseInfo enterprise, ReminderMessage message) => new
    {
        enterprise = new { name = enterprise.Name, id = enterprise.Id, regionCode = enterprise.RegionCode },
        count = message.Count,
        overdueCount = message.OverdueCount,
        earliestDue = message.EarliestDue,
        instruments = message.Instruments,
        stage = message.Stage,
        manual = message.Manual,
        ContactMobile = enterprise.ContactMobile,
        Email = enterprise.Email,
        Url = $"/admin/reminders?enterpriseId={enterprise.Id}",
    };

    /// <summary>The data workflows may use (offered in the designer with these Chinese labels).</summary>
    public static readonly WorkflowEventField[] Fields =
    [
        new("enterprise.name", "企业名称", "肇庆市示例水务有限公司"),
        new("count", "提醒器具台数", "12"),
        new("overdueCount", "其中已过有效期", "2"),
        new("earliestDue", "最早到期日", "2026-12-01"),
        new("instruments", "器具（前几台）", "水表（出厂编号 ZQS-0001，有效期至 2026-12-01）等"),
        new("stage", "提醒时点", "到期前 30 天"),
        new("ContactMobile", "企业联系人手机", "13800000001"),
    ];
}

/// <summary>What one message to one enterprise says: the count and the first few instruments.</summary>
public sealed record ReminderMessage(int Count, int OverdueCount, string EarliestDue, string Instruments, string Stage, bool Manual, string FirstName, string FirstSerialNumber)
{
    public static ReminderMessage Of(IReadOnlyList<(InstrumentSummary Instrument, int Stage)> due, int listFirst, bool manual)
    {
        var ordered = due.OrderBy(d => d.Instrument.ValidUntil).ThenBy(d => d.Instrument.Name).ThenBy(d => d.Instrument.SerialNumber).ToList();
        var named = string.Join("、", ordered.Take(listFirst).Select(d => $"{d.Instrument.Name}（出厂编号 {d.Instrument.SerialNumber}，有效期至 {Date(d.Instrument.ValidUntil)}）"));
        if (ordered.Count > listFirst) named += "等";
        var stages = ordered.Select(d => d.Stage).ToList();
        var stage = manual ? "工作人员提醒" : ReminderSettings.StageLabel(stages.Contains(ReminderSettings.OverdueStage) ? ReminderSettings.OverdueStage : stages.Min());
        return new(ordered.Count, ordered.Count(d => d.Stage == ReminderSettings.OverdueStage), Date(ordered[0].Instrument.ValidUntil), named, stage, manual,
            ordered[0].Instrument.Name, ordered[0].Instrument.SerialNumber);
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd") ?? "";
}
