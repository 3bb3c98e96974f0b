using Metrology.Appointments;
using Metrology.Appointments.Models;
using Metrology.Core.Appointments;
using Metrology.Core.Instruments;

namespace Metrology.Tests.Appointments;

/// <summary>The booking window (seed 004 §一 3 (5)): 10 days after the filing was accepted, or 1 month before valid-until; both ends included.</summary>
public sealed class BookingWindowTests
{
    private static readonly AppointmentSettings Zhaoqing = new() { WindowEnabled = true, DaysAfterFiling = 10, MonthsBeforeDue = 1 };
    private static readonly DateOnly Filed = new(2026, 3, 2);
    private static readonly DateOnly Due = new(2026, 9, 15);

    private static InstrumentSummary Meter(DateOnly? filedOn, DateOnly? validUntil) => new("i1", 1, "膜式燃气表", "G4", "ZQG-1", null, "S0401", 4, 1, null, null, null,
        true, true, FilingStatus.Filed, 7, filedOn, validUntil);

    private static string? Book(InstrumentSummary i, DateOnly today) => AppointmentRules.CannotBook(i, 7, "肇庆所", false, Zhaoqing, today);

    [Fact]
    public void Ten_days_after_the_filing_is_the_last_day_and_the_eleventh_is_refused_with_the_seeds_words()
    {
        var meter = Meter(Filed, null);
        Assert.Null(Book(meter, Filed));
        Assert.Null(Book(meter, Filed.AddDays(10)));
        Assert.Contains("需重新提交备案申请", Book(meter, Filed.AddDays(11)));
        Assert.Contains("需重新提交备案申请", Book(meter, Filed.AddDays(-1)));
    }

    [Fact]
    public void One_month_before_valid_until_opens_the_window_and_valid_until_closes_it()
    {
        var meter = Meter(null, Due);
        Assert.Contains("需重新提交备案申请", Book(meter, new DateOnly(2026, 8, 14)));
        Assert.Null(Book(meter, new DateOnly(2026, 8, 15)));
        Assert.Null(Book(meter, Due));
        Assert.Contains("需重新提交备案申请", Book(meter, Due.AddDays(1)));
    }

    [Fact]
    public void Without_the_window_any_day_will_do_but_only_with_the_institution_the_instrument_is_filed_with()
    {
        var meter = Meter(Filed, Due);
        Assert.Null(AppointmentRules.CannotBook(meter, 7, "肇庆所", false, new AppointmentSettings(), Due.AddYears(2)));
        Assert.Contains("只能向已备案的检定机构约检", AppointmentRules.CannotBook(meter, 8, "另一所", false, new AppointmentSettings(), Filed));
        Assert.Contains("尚未备案", AppointmentRules.CannotBook(meter with { Filing = FilingStatus.Submitted }, 7, "肇庆所", false, new AppointmentSettings(), Filed));
        Assert.Contains("已在另一份未完成的约检单中", AppointmentRules.CannotBook(meter, 7, "肇庆所", true, new AppointmentSettings(), Filed));
    }
}
