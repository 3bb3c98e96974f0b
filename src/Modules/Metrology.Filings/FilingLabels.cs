using Metrology.Filings.Models;

namespace Metrology.Filings;

/// <summary>The words pages and documents use for a filing's states and codes (DOMAIN.md glossary).</summary>
public static class FilingLabels
{
    public static string Of(FilingState s) => s switch { FilingState.Draft => "草稿", FilingState.Submitted => "待审核", _ => "已审核" };

    public static string Of(LineDecision d) => d switch { LineDecision.Pending => "待审核", LineDecision.Accepted => "已受理", _ => "不予受理" };

    public static readonly IReadOnlyList<(int Code, string Label)> Usages = [(1, "安全防护"), (2, "医疗卫生"), (3, "环境监测"), (4, "贸易结算")];
    public static readonly IReadOnlyList<(int Code, string Label)> Methods = [(1, "送检"), (2, "现场")];

    public static string Usage(int? code) => Usages.FirstOrDefault(u => u.Code == code).Label ?? "";

    public static string Method(int? code) => Methods.FirstOrDefault(m => m.Code == code).Label ?? "";

    /// <summary>A UTC time in the tenant's zone, as "yyyy-MM-dd HH:mm".</summary>
    public static string Local(DateTime utc, string? timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId ?? "Asia/Shanghai", out var z) ? z : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm");
    }
}
