namespace Metrology.Verification;

/// <summary>Working days: Monday to Friday, except the tenant's holidays.</summary>
public static class WorkingDays
{
    public static bool Is(DateOnly day, IReadOnlyCollection<DateOnly> holidays) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>The working day <paramref name="days"/> working days after <paramref name="from"/> (from itself when 0 and a working day).</summary>
    public static DateOnly Add(DateOnly from, int days, IReadOnlyCollection<DateOnly> holidays)
    {
        var day = from;
        while (!Is(day, holidays)) day = day.AddDays(1);
        for (var left = days; left > 0;)
        {
            day = day.AddDays(1);
            if (Is(day, holidays)) left--;
        }
        return day;
    }
}
