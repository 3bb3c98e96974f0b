using Metrology.Core.Data;
using Metrology.Statistics.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Statistics;

internal sealed class StatisticsModel : IModelConfiguration
{
    /// <summary>What the report reads after the period and the institution: the covering indexes end with these.</summary>
    public static readonly string[] ReportColumns = ["Step", "Month", "Passed", "Late", "Kind", "TurnaroundDays", "Usage", "RegionCode", "CatalogCode"];

    public void Configure(ModelBuilder builder) => builder.Entity<ProcessFactRow>(e =>
    {
        e.ToTable("ProcessFacts");
        e.HasKey(x => x.Id);
        e.Property(x => x.InstrumentId).HasMaxLength(32);
        e.Property(x => x.RegionCode).HasMaxLength(20);
        e.Property(x => x.CatalogCode).HasMaxLength(20);
        e.HasIndex(["InstitutionId", "Day", .. ReportColumns]).HasDatabaseName("IX_ProcessFacts_InstitutionId_Day_Report");
        e.HasIndex(["Day", .. ReportColumns]).HasDatabaseName("IX_ProcessFacts_Day_Report");
    });
}
