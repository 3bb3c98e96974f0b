using Metrology.Core.Appointments;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Statistics;
using Metrology.Statistics.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Statistics;

/// <summary>What the figures are broken down by.</summary>
public enum Breakdown
{
    Month = 0,
    Region = 1,
    Catalog = 2,
    Usage = 3,
}

/// <summary>The counts of one group (or of the whole period); <see cref="Overdue"/> is the instruments overdue today.</summary>
public sealed record Figures(int FilingsSubmitted, int FilingsAccepted, int FilingsRejected, int Booked, int Received, int Verified, int Passed, int Certificates, int Late,
    int Overdue = 0)
{
    public static readonly Figures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>合格率 of the approved results, or null when none.</summary>
    public double? PassRate => Verified == 0 ? null : (double)Passed / Verified;

    /// <summary>These figures with <paramref name="count"/> facts of a step added, <paramref name="passed"/> and <paramref name="late"/> of them (results only).</summary>
    public Figures Add(ProcessStep step, int count, int passed, int late) => step switch
    {
        ProcessStep.FilingSubmitted => this with { FilingsSubmitted = FilingsSubmitted + count },
        ProcessStep.FilingAccepted => this with { FilingsAccepted = FilingsAccepted + count },
        ProcessStep.FilingRejected => this with { FilingsRejected = FilingsRejected + count },
        ProcessStep.Booked => this with { Booked = Booked + count },
        ProcessStep.Received => this with { Received = Received + count },
        ProcessStep.Verified => this with { Verified = Verified + count, Passed = Passed + passed, Late = Late + late },
        ProcessStep.CertificateIssued => this with { Certificates = Certificates + count },
        _ => this,
    };
}

public sealed record BreakdownRow(string? Key, string Label, Figures Figures);

/// <summary>The figures; <see cref="OverdueNow"/> is every instrument overdue today, also those of months outside the period.</summary>
public sealed record StatisticsResult(Figures Totals, IReadOnlyDictionary<int, int> BookedByKind, double? AverageTurnaround, int? P90Turnaround, IReadOnlyList<BreakdownRow> Rows,
    int OverdueNow);

/// <summary>
/// The statistics of a period for one institution (or all): counts of each step from the daily totals of the facts, grouped
/// in the database by the breakdown, with the pass rate and the turnaround (average and 90th percentile, in working days).
/// </summary>
public sealed class StatisticsReport(TenantDbContext db, IReferenceData reference, IInstrumentRecords instruments, IAppointmentRecords appointments)
{
    public static readonly IReadOnlyList<(int Code, string Label)> Usages = [(1, "安全防护"), (2, "医疗卫生"), (3, "环境监测"), (4, "贸易结算")];

    private sealed record Cell(string Key, ProcessStep Step, int Kind, int Count, int Passed, int Late);

    /// <summary>
    /// The figures of the period, with the instruments overdue on <paramref name="today"/> (mandatory, filed with the institution,
    /// valid-until before today, not booked) by the same breakdown; by month, by the month of their valid-until, those in the period's months.
    /// </summary>
    public async Task<StatisticsResult> RunAsync(int? institutionId, DateOnly from, DateOnly to, Breakdown by, DateOnly today, CancellationToken ct = default)
    {
        var totals = db.Set<ProcessFactTotal>().AsNoTracking().Where(t => t.Day >= from && t.Day <= to);
        if (institutionId is { } id) totals = totals.Where(t => t.InstitutionId == id);

        // The daily totals of the period, grouped in the database by the breakdown: every fact is counted once under each
        // dimension, so the month breakdown sums the usage dimension's rows.
        var dimension = by switch { Breakdown.Region => TotalDimension.Region, Breakdown.Catalog => TotalDimension.Catalog, _ => TotalDimension.Usage };
        var period = totals.Where(t => t.Dimension == dimension);
        var cells = by == Breakdown.Month
            ? (await period.GroupBy(t => new { t.Month, t.Step, t.Kind })
                .Select(g => new { g.Key.Month, g.Key.Step, g.Key.Kind, Count = g.Sum(t => t.Count), Passed = g.Sum(t => t.Passed), Late = g.Sum(t => t.Late) }).ToListAsync(ct))
                .Select(g => new Cell(g.Month.ToString(), g.Step, g.Kind, g.Count, g.Passed, g.Late)).ToList()
            : (await period.GroupBy(t => new { t.Key, t.Step, t.Kind })
                .Select(g => new { g.Key.Key, g.Key.Step, g.Key.Kind, Count = g.Sum(t => t.Count), Passed = g.Sum(t => t.Passed), Late = g.Sum(t => t.Late) }).ToListAsync(ct))
                .Select(g => new Cell(g.Key, g.Step, g.Kind, g.Count, g.Passed, g.Late)).ToList();
        var histogram = (await totals.Where(t => t.Dimension == TotalDimension.Turnaround).GroupBy(t => t.Key)
                .Select(g => new { Days = g.Key, Count = g.Sum(t => t.Count) }).ToListAsync(ct))
            .Select(h => (Days: int.Parse(h.Days), h.Count)).OrderBy(h => h.Days).ToList();

        // One grouped count of every instrument overdue today: its sum is the card, its groups the column (by month, those of the period's months).
        var overdue = new DueSearch(today.AddDays(-1), InstitutionId: institutionId, Except: appointments.BookedInstrumentIds());
        var overdueAll = await instruments.CountDueAsync(overdue, by switch
        {
            Breakdown.Region => DueGrouping.Region, Breakdown.Catalog => DueGrouping.Catalog, Breakdown.Usage => DueGrouping.Usage, _ => DueGrouping.Month,
        }, ct);
        var (firstMonth, lastMonth) = (from.Year * 100 + from.Month, to.Year * 100 + to.Month);
        var overdueBy = by == Breakdown.Month
            ? overdueAll.Where(o => int.Parse(o.Key) is var m && m >= firstMonth && m <= lastMonth).ToDictionary(o => o.Key, o => o.Value)
            : overdueAll;

        var labels = await LabelsAsync(by, ct);
        var rows = cells.Select(c => c.Key).Concat(overdueBy.Keys).Distinct().Select(key => new BreakdownRow(key.Length == 0 ? null : key, Label(by, key.Length == 0 ? null : key, labels),
                cells.Where(c => c.Key == key).Aggregate(Figures.Zero, (f, c) => f.Add(c.Step, c.Count, c.Passed, c.Late)) with { Overdue = overdueBy.GetValueOrDefault(key) }))
            .OrderBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var sum = cells.Aggregate(Figures.Zero, (f, c) => f.Add(c.Step, c.Count, c.Passed, c.Late)) with { Overdue = overdueBy.Values.Sum() };
        var booked = cells.Where(c => c.Step == ProcessStep.Booked && c.Kind != 0).GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var (average, p90) = Turnaround(histogram);
        return new StatisticsResult(sum, booked, average, p90, rows, overdueAll.Values.Sum());
    }

    /// <summary>The average and the 90th percentile (the ⌈0.9·n⌉-th smallest) of a histogram of working days.</summary>
    private static (double? Average, int? P90) Turnaround(IReadOnlyList<(int Days, int Count)> histogram)
    {
        long n = histogram.Sum(h => (long)h.Count);
        if (n == 0) return (null, null);
        var rank = (long)Math.Ceiling(0.9 * n);
        long seen = 0;
        var p90 = histogram[^1].Days;
        foreach (var (days, count) in histogram)
            if ((seen += count) >= rank) { p90 = days; break; }
        return (histogram.Sum(h => (double)h.Days * h.Count) / n, p90);
    }

    private async Task<IReadOnlyDictionary<string, string>> LabelsAsync(Breakdown by, CancellationToken ct) => by switch
    {
        Breakdown.Region => (await reference.RegionCodesAsync(ct)).ToDictionary(r => r.Code, r => r.Name),
        Breakdown.Catalog => (await reference.CatalogCodesAsync(ct)).ToDictionary(c => c.Code, c => c.Name),
        Breakdown.Usage => Usages.ToDictionary(u => u.Code.ToString(), u => u.Label),
        _ => new Dictionary<string, string>(),
    };

    private static string Label(Breakdown by, string? key, IReadOnlyDictionary<string, string> labels) => key switch
    {
        null => "（未填写）",
        _ when by == Breakdown.Month => $"{key[..4]}年{int.Parse(key[4..])}月",
        _ when by == Breakdown.Usage => labels.GetValueOrDefault(key, key),
        _ => labels.TryGetValue(key, out var name) ? $"{key} {name}" : key,
    };
}
