using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.ReferenceData;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateTables, AddCatalogDiscipline];

    /// <summary>Step 2: the discipline of a catalog item, which routes on-site bookings to a lab.</summary>
    private static void AddCatalogDiscipline(MigrationBuilder b) =>
        b.AddColumn<int>("Discipline", "CatalogItems", nullable: false, defaultValue: 0);

    private static void CreateTables(MigrationBuilder b)
    {
        b.CreateTable("CatalogItems", t => new
        {
            Id = t.Identity(),
            Code = t.Column<string>(maxLength: 20, nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Group = t.Column<string>(maxLength: 100, nullable: false),
            Item = t.Column<string>(maxLength: 100, nullable: true),
            Marking = t.Column<int>(nullable: false),
            Mode = t.Column<int>(nullable: false),
            PeriodMonths = t.Column<int>(nullable: true),
            Usages = t.Column<int>(nullable: false),
            Regulation = t.Column<string>(maxLength: 200, nullable: true),
            MeasuringRange = t.Column<string>(maxLength: 500, nullable: true),
            Mpe = t.Column<string>(maxLength: 500, nullable: true),
            IsSample = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_CatalogItems", x => x.Id));
        b.CreateIndex("IX_CatalogItems_Code", "CatalogItems", "Code", unique: true);
        b.CreateIndex("IX_CatalogItems_Name", "CatalogItems", "Name");

        b.CreateTable("Regions", t => new
        {
            Code = t.Column<string>(maxLength: 6, nullable: false),
            Name = t.Column<string>(maxLength: 50, nullable: false),
            ParentCode = t.Column<string>(maxLength: 6, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Regions", x => x.Code));
        b.CreateIndex("IX_Regions_ParentCode", "Regions", "ParentCode");

        b.CreateTable("Institutions", t => new
        {
            Id = t.Identity(),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Addresses = t.Column<string>(maxLength: 1000, nullable: true),
            Phone = t.Column<string>(maxLength: 100, nullable: true),
            Description = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Institutions", x => x.Id));
        b.CreateIndex("IX_Institutions_Name", "Institutions", "Name", unique: true);

        b.CreateTable("Departments", t => new
        {
            Id = t.Identity(),
            InstitutionId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 50, nullable: false),
            Phones = t.Column<string>(maxLength: 200, nullable: true),
            Duties = t.Column<int>(nullable: false),
            Discipline = t.Column<int>(nullable: false),
            Notes = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Departments", x => x.Id));
        b.CreateIndex("IX_Departments_InstitutionId_Name", "Departments", ["InstitutionId", "Name"], unique: true);

        b.CreateTable("InstitutionRegions", t => new
        {
            InstitutionId = t.Column<int>(nullable: false),
            RegionCode = t.Column<string>(maxLength: 6, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_InstitutionRegions", x => new { x.InstitutionId, x.RegionCode }));
        b.CreateIndex("IX_InstitutionRegions_RegionCode", "InstitutionRegions", "RegionCode");

        b.CreateTable("InstitutionCapabilities", t => new
        {
            InstitutionId = t.Column<int>(nullable: false),
            CatalogItemId = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_InstitutionCapabilities", x => new { x.InstitutionId, x.CatalogItemId }));
        b.CreateIndex("IX_InstitutionCapabilities_CatalogItemId", "InstitutionCapabilities", "CatalogItemId");

        b.CreateTable("StaffAssignments", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            InstitutionId = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_StaffAssignments", x => x.UserId));
        b.CreateIndex("IX_StaffAssignments_InstitutionId", "StaffAssignments", "InstitutionId");

        b.CreateTable("StaffDepartments", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            DepartmentId = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_StaffDepartments", x => new { x.UserId, x.DepartmentId }));
        b.CreateIndex("IX_StaffDepartments_DepartmentId", "StaffDepartments", "DepartmentId");
    }
}
