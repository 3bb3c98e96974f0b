using Metrology.Core.Statistics;

namespace Metrology.Statistics.Models;

/// <summary>A <see cref="ProcessFact"/> as stored: the statistics group these rows by month, region, catalog item and usage.</summary>
public sealed class ProcessFactRow
{
    public int Id { get; set; }
    public ProcessStep Step { get; set; }
    public int InstitutionId { get; set; }
    public int EnterpriseId { get; set; }
    public string? InstrumentId { get; set; }
    public DateOnly Day { get; set; }

    /// <summary>yyyyMM of <see cref="Day"/>, for the monthly breakdown.</summary>
    public int Month { get; set; }

    public string? RegionCode { get; set; }
    public string? CatalogCode { get; set; }
    public int? Usage { get; set; }
    public int? Kind { get; set; }
    public bool? Passed { get; set; }
    public int? TurnaroundDays { get; set; }
    public bool? Late { get; set; }
}
