using Metrology.Certificates.Models;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

internal sealed class CertificateModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<CertificateIndex>(e =>
        {
            e.ToTable("CertificateIndex");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
            e.Property(x => x.Number).HasMaxLength(40);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.ResultId).HasMaxLength(64);
            e.Property(x => x.InstrumentId).HasMaxLength(32);
            e.Property(x => x.AppointmentId).HasMaxLength(32);
            e.Property(x => x.InstrumentName).HasMaxLength(100);
            e.Property(x => x.SerialNumber).HasMaxLength(100);
            e.Property(x => x.FeesOutstanding).HasPrecision(12, 2);
            e.HasIndex(x => x.Number).IsUnique().HasDatabaseName("IX_CertificateIndex_Number");
            e.HasIndex(x => x.Code).IsUnique().HasDatabaseName("IX_CertificateIndex_Code");
            e.HasIndex(x => x.ResultId).HasDatabaseName("IX_CertificateIndex_ResultId");
            e.HasIndex(x => new { x.EnterpriseId, x.Status }).HasDatabaseName("IX_CertificateIndex_EnterpriseId_Status");
            e.HasIndex(x => new { x.InstitutionId, x.IssuedUtc }).HasDatabaseName("IX_CertificateIndex_InstitutionId_IssuedUtc");
            e.HasIndex(x => x.InstrumentId).HasDatabaseName("IX_CertificateIndex_InstrumentId");
            e.HasIndex(x => x.AppointmentId).HasDatabaseName("IX_CertificateIndex_AppointmentId");
        });
        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("CertificateApiTokens");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(40);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Hint).HasMaxLength(12);
            e.HasIndex(x => x.Hash).IsUnique().HasDatabaseName("IX_CertificateApiTokens_Hash");
            e.HasIndex(x => x.EnterpriseId).HasDatabaseName("IX_CertificateApiTokens_EnterpriseId");
        });
    }
}
