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

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/> (0 when the same day or earlier).</summary>
    public static int Between(DateOnly from, DateOnly to, IReadOnlyCollection<DateOnly> holidays)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (Is(day, holidays)) count++;
        return count;
    }
}
