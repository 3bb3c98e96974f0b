using Metrology.Core.Data;
using Metrology.Enterprises.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises;

internal sealed class EnterpriseModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder) => builder.Entity<Enterprise>(e =>
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
        e.HasIndex(x => x.CreditCode).IsUnique().HasDatabaseName("IX_Enterprises_CreditCode");
        e.HasIndex(x => x.ContactMobile).IsUnique().HasDatabaseName("IX_Enterprises_ContactMobile");
        e.HasIndex(x => x.UserId).HasDatabaseName("IX_Enterprises_UserId");
        e.HasIndex(x => x.Name).HasDatabaseName("IX_Enterprises_Name");
    });
}
