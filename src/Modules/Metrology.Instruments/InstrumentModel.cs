using Metrology.Core.Data;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments;

internal sealed class InstrumentModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<InstrumentIndex>(Index);
        builder.Entity<InstrumentCount>(e =>
        {
            e.ToTable("InstrumentCount");
            e.HasKey(x => new { x.EnterpriseId, x.Active });
        });
    }

    private static void Index(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<InstrumentIndex> e)
    {
        e.ToTable("InstrumentIndex");
        e.HasKey(x => x.ContentItemId);
        e.Property(x => x.ContentItemId).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.ModelSpec).HasMaxLength(100);
        e.Property(x => x.SerialNumber).HasMaxLength(100);
        e.Property(x => x.OwnNumber).HasMaxLength(50);
        e.Property(x => x.Manufacturer).HasMaxLength(100);
        e.Property(x => x.CatalogCode).HasMaxLength(20);
        e.Property(x => x.RegionCode).HasMaxLength(6);
        e.Property(x => x.Department).HasMaxLength(20);
        e.Property(x => x.Location).HasMaxLength(100);
        e.Property(x => x.IdentityKey).HasMaxLength(64);
        e.HasIndex(x => new { x.EnterpriseId, x.IdentityKey }).IsUnique().HasDatabaseName("IX_InstrumentIndex_EnterpriseId_IdentityKey");
        e.HasIndex(x => new { x.ValidUntil, x.EnterpriseId }).HasFilter("\"Active\" AND \"Mandatory\"").HasDatabaseName("IX_InstrumentIndex_Due");
        e.HasIndex(x => new { x.EnterpriseId, x.Active, x.CreatedUtc, x.ContentItemId, x.ValidUntil, x.Mandatory }).HasDatabaseName("IX_InstrumentIndex_Library_Created");
        e.HasIndex(x => new { x.EnterpriseId, x.Active, x.Name, x.ContentItemId }).HasDatabaseName("IX_InstrumentIndex_Library_Name");
        e.HasIndex(x => new { x.EnterpriseId, x.Active, x.ValidUntil, x.ContentItemId, x.Mandatory, x.CreatedUtc }).HasDatabaseName("IX_InstrumentIndex_Library_ValidUntil");
        e.HasIndex(x => new { x.EnterpriseId, x.Active, x.SerialNumber, x.ContentItemId, x.Name, x.Usage }).HasDatabaseName("IX_InstrumentIndex_Library_Serial");
        e.HasIndex(x => new { x.FilingInstitutionId, x.ValidUntil }).HasDatabaseName("IX_InstrumentIndex_FilingInstitutionId_ValidUntil");
        e.HasIndex(x => new { x.Active, x.ValidUntil, x.ContentItemId }).HasDatabaseName("IX_InstrumentIndex_Staff");
        e.HasIndex(x => new { x.FilingInstitutionId, x.Active, x.ValidUntil, x.ContentItemId }).HasDatabaseName("IX_InstrumentIndex_Staff_Institution");
    }
}
