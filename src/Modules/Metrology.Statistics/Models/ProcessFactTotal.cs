using Metrology.Core.Statistics;

namespace Metrology.Statistics.Models;

/// <summary>What a <see cref="ProcessFactTotal"/> row counts the facts of a day by.</summary>
public enum TotalDimension
{
    /// <summary>Approved results by turnaround: <see cref="ProcessFactTotal.Key"/> is the number of working days.</summary>
    Turnaround = 0,
    Region = 1,
    Catalog = 2,

    /// <summary>By usage (1–4); every fact has exactly one row here, so the month breakdown sums these.</summary>
    Usage = 3,
}

/// <summary>
/// Facts of one institution and day counted by one dimension, step and kind. A database trigger inserts one row per fact
/// and dimension, in the fact's own statement (no row is updated, so concurrent writers never wait on each other); the
/// hourly <see cref="FactTotalsCompaction"/> replaces a day's rows by one per group, so the report reads a few thousand
/// rows for a year instead of every fact. A fact without the dimension's value counts under the empty key; a fact without
/// a kind under 0.
/// </summary>
public sealed class ProcessFactTotal
{
    public int Id { get; set; }
    public int InstitutionId { get; set; }
    public DateOnly Day { get; set; }
    public TotalDimension Dimension { get; set; }
    public string Key { get; set; } = "";
    public ProcessStep Step { get; set; }
    public int Kind { get; set; }

    /// <summary>yyyyMM of <see cref="Day"/>.</summary>
    public int Month { get; set; }

    public int Count { get; set; }
    public int Passed { get; set; }
    public int Late { get; set; }

    /// <summary>True for the sums written by a compaction, false for the rows the trigger adds.</summary>
    public bool Compacted { get; set; }
}
