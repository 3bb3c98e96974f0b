using Metrology.Core.Data;
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

/// <summary>The counts of one group (or of the whole period).</summary>
public sealed record Figures(int FilingsSubmitted, int FilingsAccepted, int FilingsRejected, int Booked, int Received, int Verified, int Passed, int Certificates, int Late)
{
    public static readonly Figures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>合格率 of the approved results, or null when none.</summary>
    public double? PassRate => Verified == 0 ? null : (double)Passed / Verified;

    public Figures Add(ProcessStep step, bool? passed, bool? late, int count) => step switch
    {
        ProcessStep.FilingSubmitted => this with { FilingsSubmitted = FilingsSubmitted + count },
        ProcessStep.FilingAccepted => this with { FilingsAccepted = FilingsAccepted + count },
        ProcessStep.FilingRejected => this with { FilingsRejected = FilingsRejected + count },
        ProcessStep.Booked => this with { Booked = Booked + count },
        ProcessStep.Received => this with { Received = Received + count },
        ProcessStep.Verified => this with { Verified = Verified + count, Passed = Passed + (passed == true ? count : 0), Late = Late + (late == true ? count : 0) },
        ProcessStep.CertificateIssued => this with { Certificates = Certificates + count },
        _ => this,
    };
}

public sealed record BreakdownRow(string? Key, string Label, Figures Figures);

public sealed record StatisticsResult(Figures Totals, IReadOnlyDictionary<int, int> BookedByKind, double? AverageTurnaround, int? P90Turnaround, IReadOnlyList<BreakdownRow> Rows);

/// <summary>
/// The statistics of a period for one institution (or all): counts of each step from the fact table, grouped in the
/// database by the breakdown, with the pass rate and the turnaround (average and 90th percentile, in working days).
/// </summary>
public sealed class StatisticsReport(TenantDbContext db, IReferenceData reference)
{
    public static readonly IReadOnlyList<(int Code, string Label)> Usages = [(1, "安全防护"), (2, "医疗卫生"), (3, "环境监测"), (4, "贸易结算")];

    private sealed record Cell(string? Key, ProcessStep Step, bool? Passed, bool? Late, int? Kind, int? Turnaround, int Count);

    public async Task<StatisticsResult> RunAsync(int? institutionId, DateOnly from, DateOnly to, Breakdown by, CancellationToken ct = default)
    {
        var facts = db.Set<ProcessFactRow>().AsNoTracking().Where(f => f.Day >= from && f.Day <= to);
        if (institutionId is { } id) facts = facts.Where(f => f.InstitutionId == id);

        // One pass over the period, read from the covering index alone: every figure below (totals, rows, bookings by kind,
        // the turnaround's histogram) is summed from these groups in memory.
        List<Cell> cells = by switch
        {
            Breakdown.Month => (await facts.GroupBy(f => new { f.Month, f.Step, f.Passed, f.Late, f.Kind, f.TurnaroundDays }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => new Cell(g.Key.Month.ToString(), g.Key.Step, g.Key.Passed, g.Key.Late, g.Key.Kind, g.Key.TurnaroundDays, g.Count)).ToList(),
            Breakdown.Region => (await facts.GroupBy(f => new { f.RegionCode, f.Step, f.Passed, f.Late, f.Kind, f.TurnaroundDays }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => new Cell(g.Key.RegionCode, g.Key.Step, g.Key.Passed, g.Key.Late, g.Key.Kind, g.Key.TurnaroundDays, g.Count)).ToList(),
            Breakdown.Catalog => (await facts.GroupBy(f => new { f.CatalogCode, f.Step, f.Passed, f.Late, f.Kind, f.TurnaroundDays }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => new Cell(g.Key.CatalogCode, g.Key.Step, g.Key.Passed, g.Key.Late, g.Key.Kind, g.Key.TurnaroundDays, g.Count)).ToList(),
            _ => (await facts.GroupBy(f => new { f.Usage, f.Step, f.Passed, f.Late, f.Kind, f.TurnaroundDays }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(g => new Cell(g.Key.Usage?.ToString(), g.Key.Step, g.Key.Passed, g.Key.Late, g.Key.Kind, g.Key.TurnaroundDays, g.Count)).ToList(),
        };

        var totals = cells.Aggregate(Figures.Zero, (f, c) => f.Add(c.Step, c.Passed, c.Late, c.Count));
        var labels = await LabelsAsync(by, ct);
        var rows = cells.GroupBy(c => c.Key)
            .Select(g => new BreakdownRow(g.Key, Label(by, g.Key, labels), g.Aggregate(Figures.Zero, (f, c) => f.Add(c.Step, c.Passed, c.Late, c.Count))))
            .OrderBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var booked = cells.Where(c => c.Step == ProcessStep.Booked && c.Kind != null).GroupBy(c => c.Kind!.Value).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var (average, p90) = Turnaround(cells.Where(c => c.Step == ProcessStep.Verified && c.Turnaround != null)
            .GroupBy(c => c.Turnaround!.Value).Select(g => (Days: g.Key, Count: g.Sum(c => c.Count))).OrderBy(d => d.Days).ToList());
        return new StatisticsResult(totals, booked, average, p90, rows);
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
