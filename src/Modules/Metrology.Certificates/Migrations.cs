using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Certificates;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateIndex, CreateApiTokens];

    private static void CreateIndex(MigrationBuilder b)
    {
        b.CreateTable("CertificateIndex", t => new
        {
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
            Number = t.Column<string>(maxLength: 40, nullable: false),
            Code = t.Column<string>(maxLength: 32, nullable: false),
            Kind = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            ResultId = t.Column<string>(maxLength: 64, nullable: true),
            InstrumentId = t.Column<string>(maxLength: 32, nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            InstitutionId = t.Column<int>(nullable: false),
            AppointmentId = t.Column<string>(maxLength: 32, nullable: true),
            InstrumentName = t.Column<string>(maxLength: 100, nullable: false),
            SerialNumber = t.Column<string>(maxLength: 100, nullable: false),
            Passed = t.Column<bool>(nullable: false),
            VerifiedOn = t.Column<DateOnly>(nullable: false),
            ValidUntil = t.Column<DateOnly>(nullable: true),
            FeesOutstanding = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
            Uploaded = t.Column<bool>(nullable: false),
            IssuedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_CertificateIndex", x => x.ContentItemId));
        b.CreateIndex("IX_CertificateIndex_Number", "CertificateIndex", "Number", unique: true);
        b.CreateIndex("IX_CertificateIndex_Code", "CertificateIndex", "Code", unique: true);
        b.CreateIndex("IX_CertificateIndex_ResultId", "CertificateIndex", "ResultId");
        b.CreateIndex("IX_CertificateIndex_EnterpriseId_Status", "CertificateIndex", ["EnterpriseId", "Status"]);
        b.CreateIndex("IX_CertificateIndex_InstitutionId_IssuedUtc", "CertificateIndex", ["InstitutionId", "IssuedUtc"]);
        b.CreateIndex("IX_CertificateIndex_InstrumentId", "CertificateIndex", "InstrumentId");
        b.CreateIndex("IX_CertificateIndex_AppointmentId", "CertificateIndex", "AppointmentId");
    }

    /// <summary>Per-enterprise tokens of the read-only API.</summary>
    private static void CreateApiTokens(MigrationBuilder b)
    {
        b.CreateTable("CertificateApiTokens", t => new
        {
            Id = t.Identity(),
            EnterpriseId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 40, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            Hint = t.Column<string>(maxLength: 12, nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            RevokedUtc = t.Column<DateTime>(nullable: true),
            LastUsedUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_CertificateApiTokens", x => x.Id));
        b.CreateIndex("IX_CertificateApiTokens_Hash", "CertificateApiTokens", "Hash", unique: true);
        b.CreateIndex("IX_CertificateApiTokens_EnterpriseId", "CertificateApiTokens", "EnterpriseId");
    }
}
