using Metrology.Core.Data;
using Metrology.Filings.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings;

internal sealed class FilingModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<FilingIndex>(e =>
        {
            e.ToTable("FilingIndex");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
            e.Property(x => x.Number).HasMaxLength(20);
            e.HasIndex(x => x.Number).IsUnique().HasDatabaseName("IX_FilingIndex_Number");
            e.HasIndex(x => new { x.EnterpriseId, x.State }).HasDatabaseName("IX_FilingIndex_EnterpriseId_State");
            e.HasIndex(x => new { x.InstitutionId, x.State, x.SubmittedUtc }).HasDatabaseName("IX_FilingIndex_InstitutionId_State_SubmittedUtc");
        });
        builder.Entity<FilingLineIndex>(e =>
        {
            e.ToTable("FilingLineIndex");
            e.HasKey(x => x.Id);
            e.Property(x => x.FilingId).HasMaxLength(32);
            e.Property(x => x.InstrumentId).HasMaxLength(32);
            e.Property(x => x.CatalogCode).HasMaxLength(20);
            e.HasIndex(x => x.FilingId).HasDatabaseName("IX_FilingLineIndex_FilingId");
            e.HasIndex(x => x.InstrumentId).IsUnique().HasFilter("\"Open\"").HasDatabaseName("IX_FilingLineIndex_InstrumentId_Open");
            e.HasIndex(x => new { x.InstitutionId, x.Decision, x.CatalogCode }).HasDatabaseName("IX_FilingLineIndex_InstitutionId_Decision_CatalogCode");
            e.HasIndex(x => new { x.CatalogCode, x.FilingId }).HasDatabaseName("IX_FilingLineIndex_CatalogCode_FilingId");
        });
    }
}
