using Metrology.Core.Data;
using Metrology.Statistics.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Statistics;

internal sealed class StatisticsModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder) => builder.Entity<ProcessFactRow>(e =>
    {
        e.ToTable("ProcessFacts");
        e.HasKey(x => x.Id);
        e.Property(x => x.InstrumentId).HasMaxLength(32);
        e.Property(x => x.RegionCode).HasMaxLength(20);
        e.Property(x => x.CatalogCode).HasMaxLength(20);
        e.HasIndex(x => new { x.InstitutionId, x.Day, x.Step }).HasDatabaseName("IX_ProcessFacts_InstitutionId_Day_Step");
        e.HasIndex(x => new { x.Day, x.Step }).HasDatabaseName("IX_ProcessFacts_Day_Step");
    });
}
