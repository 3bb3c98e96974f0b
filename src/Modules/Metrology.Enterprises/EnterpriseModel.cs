using Metrology.Core.Data;
using Metrology.Enterprises.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises;

internal sealed class EnterpriseModel : IModelConfiguration
{
    /// <summary>The same SQL on SQLite and PostgreSQL (2 = <see cref="EnterpriseStatus.Returned"/>).</summary>
    public const string NotReturned = "\"Status\" <> 2";

    public void Configure(ModelBuilder builder)
    {
        builder.Entity<Enterprise>(Enterprise);
        builder.Entity<ChangeRequest>(e =>
        {
            e.ToTable("EnterpriseChangeRequests");
            e.HasKey(x => x.Id);
            e.Property(x => x.NewName).HasMaxLength(100);
            e.Property(x => x.NewLegalRepresentative).HasMaxLength(50);
            e.Property(x => x.NewContactName).HasMaxLength(50);
            e.Property(x => x.NewContactMobile).HasMaxLength(11);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.OldValues).HasMaxLength(1000);
            e.Property(x => x.ReviewedBy).HasMaxLength(256);
            e.HasIndex(x => new { x.EnterpriseId, x.Status }).HasDatabaseName("IX_EnterpriseChangeRequests_EnterpriseId_Status");
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("FK_EnterpriseChangeRequests_Enterprises_EnterpriseId");
        });
        builder.Entity<EnterpriseDocument>(e =>
        {
            e.ToTable("EnterpriseDocuments");
            e.HasKey(x => x.Id);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.HasIndex(x => x.EnterpriseId).HasDatabaseName("IX_EnterpriseDocuments_EnterpriseId");
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("FK_EnterpriseDocuments_Enterprises_EnterpriseId");
        });
    }

    private static void Enterprise(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Enterprise> e)
    {
        e.ToTable("Enterprises");
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.LegalRepresentative).HasMaxLength(50);
        e.Property(x => x.Address).HasMaxLength(200);
        e.Property(x => x.RegionCode).HasMaxLength(6);
        e.Property(x => x.ContactName).HasMaxLength(50);
        e.Property(x => x.ContactMobile).HasMaxLength(11);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.Departments).HasMaxLength(2000);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Ignore(x => x.DepartmentList);
        // Unique among the registrations that are not returned: a returned one may be corrected and sent again.
        e.HasIndex(x => x.CreditCode).IsUnique().HasFilter(NotReturned).HasDatabaseName("IX_Enterprises_CreditCode");
        e.HasIndex(x => x.ContactMobile).IsUnique().HasFilter(NotReturned).HasDatabaseName("IX_Enterprises_ContactMobile");
        e.HasIndex(x => x.UserId).HasDatabaseName("IX_Enterprises_UserId");
        e.HasIndex(x => x.Name).HasDatabaseName("IX_Enterprises_Name");
        e.Property(x => x.ReturnReason).HasMaxLength(500);
        e.Property(x => x.ReviewedBy).HasMaxLength(256);
    }
}
