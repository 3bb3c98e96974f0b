namespace Metrology.Filings.Models;

/// <summary>One row per filing, kept in the save's transaction: the queues, counts and the enterprise's lists read this.</summary>
public sealed class FilingIndex
{
    public string ContentItemId { get; set; } = "";
    public int EnterpriseId { get; set; }
    public int InstitutionId { get; set; }
    public string Number { get; set; } = "";
    public FilingState State { get; set; }
    public int LineCount { get; set; }
    public int AcceptedCount { get; set; }
    public int RejectedCount { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? SubmittedUtc { get; set; }
    public DateTime? ReviewedUtc { get; set; }
}

/// <summary>
/// One row per filed line. <see cref="Open"/> (the filing is a draft or waits for review and the line is undecided) is
/// unique per instrument in the database, so an instrument is in at most one open filing even when two saves race.
/// </summary>
public sealed class FilingLineIndex
{
    public int Id { get; set; }
    public string FilingId { get; set; } = "";
    public string InstrumentId { get; set; } = "";
    public int EnterpriseId { get; set; }
    public int InstitutionId { get; set; }
    public string? CatalogCode { get; set; }
    public LineDecision Decision { get; set; }
    public bool Open { get; set; }
    public DateTime? DecidedUtc { get; set; }
}
