using Metrology.Appointments.Models;

namespace Metrology.Appointments;

/// <summary>The words pages, slips and messages use for appointments (seed 000 §四, seed 004 §一 3, §四 2).</summary>
public static class AppointmentLabels
{
    public static string Of(AppointmentKind k) => k switch
    {
        AppointmentKind.SelfDelivery => "自助送检", AppointmentKind.BookedDelivery => "预约送检", _ => "预约现场检定",
    };

    public static string Of(AppointmentState s) => s switch
    {
        AppointmentState.Draft => "草稿", AppointmentState.Submitted => "待确认", AppointmentState.Confirmed => "已确认",
        AppointmentState.Declined => "未确认", AppointmentState.Cancelled => "已取消", AppointmentState.Completed => "已完成", _ => "已接收",
    };

    /// <summary>The lab of a discipline (the names seed 004 §四 2 uses); null = 业务室.</summary>
    public static string Lab(string? discipline) => discipline switch
    {
        "Electrical" => "电学室", "Mechanics" => "力学室", "Thermal" => "热工室", "Length" => "长度室", "MandatoryRoom" => "强检室", "Chemistry" => "化学室",
        _ => "业务室",
    };

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";

    public static string Local(DateTime utc, string? timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId ?? "Asia/Shanghai", out var z) ? z : TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm");
    }
}
