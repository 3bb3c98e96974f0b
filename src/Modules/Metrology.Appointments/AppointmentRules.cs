using Metrology.Appointments.Models;
using Metrology.Core.Instruments;

namespace Metrology.Appointments;

/// <summary>
/// Which instruments may be booked (seed 004 §一 3 (5): only with the institution they are filed with, within the booking
/// window; seed 000 §四 4.1: 强检状态为"是"), each refusal with the words the enterprise sees.
/// </summary>
internal static class AppointmentRules
{
    public const string FileAgain = "需重新提交备案申请";

    /// <summary>Why the instrument cannot go into an appointment with <paramref name="institutionId"/> on <paramref name="today"/>, or null.</summary>
    public static string? CannotBook(InstrumentSummary i, int institutionId, string institutionName, bool inOpenAppointment, AppointmentSettings settings, DateOnly today)
    {
        var who = $"「{i.Name}」（出厂编号 {i.SerialNumber}）";
        if (!i.Active) return $"{who}在停用库中，不能约检。";
        if (i.Filing != FilingStatus.Filed) return $"{who}尚未备案：先备案，再约检。请先提交强检申请，备案通过后再约检。";
        if (i.FilingInstitutionId != institutionId) return $"{who}不是向「{institutionName}」备案的：只能向已备案的检定机构约检。";
        if (inOpenAppointment) return $"{who}已在另一份未完成的约检单中。";
        if (settings.WindowEnabled && !InWindow(i.FiledOn, i.ValidUntil, settings, today))
            return $"{who}已超过约检期限（备案通过后 {settings.DaysAfterFiling} 天内或有效期前 {settings.MonthsBeforeDue} 个月内），{FileAgain}。";
        return null;
    }

    /// <summary>The booking window (<see cref="BookingWindow"/>, the rule the library's 备案已失效 shares).</summary>
    public static bool InWindow(DateOnly? filedOn, DateOnly? validUntil, AppointmentSettings settings, DateOnly today) =>
        new BookingWindow(settings.DaysAfterFiling, settings.MonthsBeforeDue).Contains(filedOn, validUntil, today);
}
