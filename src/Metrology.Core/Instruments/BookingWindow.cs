namespace Metrology.Core.Instruments;

/// <summary>
/// The booking window (seed 004 §一 3 (5)): a filed instrument can be booked from the day its filing was accepted through
/// <see cref="DaysAfterFiling"/> days after it, or from <see cref="MonthsBeforeDue"/> months before its valid-until through
/// valid-until itself, both ends included. Outside both its filing has lapsed (备案已失效): it must be filed again.
/// </summary>
public sealed record BookingWindow(int DaysAfterFiling, int MonthsBeforeDue)
{
    public const string LapsedLabel = "备案已失效";

    public bool Contains(DateOnly? filedOn, DateOnly? validUntil, DateOnly today) =>
        (filedOn is { } f && today >= f && today <= f.AddDays(DaysAfterFiling))
        || (validUntil is { } v && today >= v.AddMonths(-MonthsBeforeDue) && today <= v);

    /// <summary>A filed instrument outside the window on <paramref name="today"/>.</summary>
    public bool Lapsed(FilingStatus filing, DateOnly? filedOn, DateOnly? validUntil, DateOnly today) =>
        filing == FilingStatus.Filed && !Contains(filedOn, validUntil, today);
}

/// <summary>
/// The tenant's booking window, or null where it does not apply (a tenant setting of the Appointments feature, which
/// implements this). The library shows 备案已失效 by it, and filings accept such an instrument again.
/// </summary>
public interface IBookingWindowSource
{
    Task<BookingWindow?> WindowAsync(CancellationToken ct = default);
}
