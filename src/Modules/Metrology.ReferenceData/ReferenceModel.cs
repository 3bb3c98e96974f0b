using Metrology.Core.Data;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData;

/// <summary>The reference-data tables in the tenant database model.</summary>
internal sealed class ReferenceModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<CatalogItem>(e =>
        {
            e.ToTable("CatalogItems");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Group).HasMaxLength(100);
            e.Property(x => x.Item).HasMaxLength(100);
            e.Property(x => x.Regulation).HasMaxLength(200);
            e.Property(x => x.MeasuringRange).HasMaxLength(500);
            e.Property(x => x.Mpe).HasMaxLength(500);
            e.Ignore(x => x.IsVerifiable);
            e.HasIndex(x => x.Code).IsUnique().HasDatabaseName("IX_CatalogItems_Code");
            e.HasIndex(x => x.Name).HasDatabaseName("IX_CatalogItems_Name");
        });
        builder.Entity<Region>(e =>
        {
            e.ToTable("Regions");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.ParentCode).HasMaxLength(6);
            e.Ignore(x => x.Level);
            e.HasIndex(x => x.ParentCode).HasDatabaseName("IX_Regions_ParentCode");
        });
        builder.Entity<Institution>(e =>
        {
            e.ToTable("Institutions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Addresses).HasMaxLength(1000);
            e.Property(x => x.Phone).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(500);
            e.HasIndex(x => x.Name).IsUnique().HasDatabaseName("IX_Institutions_Name");
        });
        builder.Entity<Department>(e =>
        {
            e.ToTable("Departments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Phones).HasMaxLength(200);
            e.Property(x => x.Notes).HasMaxLength(500);
            e.HasIndex(x => new { x.InstitutionId, x.Name }).IsUnique().HasDatabaseName("IX_Departments_InstitutionId_Name");
        });
        builder.Entity<InstitutionRegion>(e =>
        {
            e.ToTable("InstitutionRegions");
            e.HasKey(x => new { x.InstitutionId, x.RegionCode });
            e.Property(x => x.RegionCode).HasMaxLength(6);
            e.HasIndex(x => x.RegionCode).HasDatabaseName("IX_InstitutionRegions_RegionCode");
        });
        builder.Entity<InstitutionCapability>(e =>
        {
            e.ToTable("InstitutionCapabilities");
            e.HasKey(x => new { x.InstitutionId, x.CatalogItemId });
            e.HasIndex(x => x.CatalogItemId).HasDatabaseName("IX_InstitutionCapabilities_CatalogItemId");
        });
        builder.Entity<StaffAssignment>(e =>
        {
            e.ToTable("StaffAssignments");
            e.HasKey(x => x.UserId);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.HasIndex(x => x.InstitutionId).HasDatabaseName("IX_StaffAssignments_InstitutionId");
        });
        builder.Entity<StaffDepartment>(e =>
        {
            e.ToTable("StaffDepartments");
            e.HasKey(x => new { x.UserId, x.DepartmentId });
            e.Property(x => x.UserId).HasMaxLength(450);
            e.HasIndex(x => x.DepartmentId).HasDatabaseName("IX_StaffDepartments_DepartmentId");
        });
    }
}
