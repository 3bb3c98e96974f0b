using Metrology.Core.Data;
using Metrology.Statistics.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Statistics;

internal sealed class StatisticsModel : IModelConfiguration
{
    /// <summary>
    /// The totals' index for the report (after the institution, when one is chosen): the dimension and the period, then every
    /// column the report reads, so it never touches the table.
    /// </summary>
    public static readonly string[] TotalsReportIndex = ["Dimension", "Day", "Month", "Key", "Step", "Kind", "Count", "Passed", "Late"];

    public void Configure(ModelBuilder builder) => builder.Entity<ProcessFactRow>(e =>
    {
        e.ToTable("ProcessFacts");
        e.HasKey(x => x.Id);
        e.Property(x => x.InstrumentId).HasMaxLength(32);
        e.Property(x => x.RegionCode).HasMaxLength(20);
        e.Property(x => x.CatalogCode).HasMaxLength(20);
        e.HasIndex(x => new { x.InstitutionId, x.Day });
    }).Entity<ProcessFactTotal>(e =>
    {
        e.ToTable("ProcessFactTotals");
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(20);
        e.HasIndex(x => new { x.Compacted, x.Day });
        e.HasIndex(TotalsReportIndex).HasDatabaseName("IX_ProcessFactTotals_Report");
        e.HasIndex(["InstitutionId", .. TotalsReportIndex]).HasDatabaseName("IX_ProcessFactTotals_Institution_Report");
    });
}
