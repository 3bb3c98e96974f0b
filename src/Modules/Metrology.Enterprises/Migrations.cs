using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Enterprises;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateEnterprises, AddReviewAndDocuments, AddChangeRequests];

    private static void CreateEnterprises(MigrationBuilder b)
    {
        b.CreateTable("Enterprises", t => new
        {
            Id = t.Identity(),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            CreditCode = t.Column<string>(maxLength: 18, nullable: false),
            Kind = t.Column<int>(nullable: false),
            LegalRepresentative = t.Column<string>(maxLength: 50, nullable: true),
            Address = t.Column<string>(maxLength: 200, nullable: true),
            RegionCode = t.Column<string>(maxLength: 6, nullable: true),
            ContactName = t.Column<string>(maxLength: 50, nullable: false),
            ContactMobile = t.Column<string>(maxLength: 11, nullable: false),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            Departments = t.Column<string>(maxLength: 2000, nullable: false),
            Status = t.Column<int>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Enterprises", x => x.Id));
        b.CreateIndex("IX_Enterprises_CreditCode", "Enterprises", "CreditCode", unique: true, filter: EnterpriseModel.NotReturned);
        b.CreateIndex("IX_Enterprises_ContactMobile", "Enterprises", "ContactMobile", unique: true, filter: EnterpriseModel.NotReturned);
        b.CreateIndex("IX_Enterprises_UserId", "Enterprises", "UserId");
        b.CreateIndex("IX_Enterprises_Name", "Enterprises", "Name");
    }

    private static void AddReviewAndDocuments(MigrationBuilder b)
    {
        b.AddColumn<string>("ReturnReason", "Enterprises", maxLength: 500, nullable: true);
        b.AddColumn<string>("ReviewedBy", "Enterprises", maxLength: 256, nullable: true);
        b.AddColumn<DateTime>("ReviewedUtc", "Enterprises", nullable: true);
        b.CreateTable("EnterpriseDocuments", t => new
        {
            Id = t.Identity(),
            EnterpriseId = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
            UploadedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EnterpriseDocuments", x => x.Id);
            t.ForeignKey("FK_EnterpriseDocuments_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_EnterpriseDocuments_EnterpriseId", "EnterpriseDocuments", "EnterpriseId");
    }

    private static void AddChangeRequests(MigrationBuilder b)
    {
        b.CreateTable("EnterpriseChangeRequests", t => new
        {
            Id = t.Identity(),
            EnterpriseId = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            NewName = t.Column<string>(maxLength: 100, nullable: true),
            NewLegalRepresentative = t.Column<string>(maxLength: 50, nullable: true),
            NewContactName = t.Column<string>(maxLength: 50, nullable: true),
            NewContactMobile = t.Column<string>(maxLength: 11, nullable: true),
            Status = t.Column<int>(nullable: false),
            Reason = t.Column<string>(maxLength: 500, nullable: true),
            OldValues = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ReviewedBy = t.Column<string>(maxLength: 256, nullable: true),
            ReviewedUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EnterpriseChangeRequests", x => x.Id);
            t.ForeignKey("FK_EnterpriseChangeRequests_Enterprises_EnterpriseId", x => x.EnterpriseId, "Enterprises", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_EnterpriseChangeRequests_EnterpriseId_Status", "EnterpriseChangeRequests", ["EnterpriseId", "Status"]);
        b.AddColumn<int>("ChangeRequestId", "EnterpriseDocuments", nullable: true);
    }
}
