using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Appointments;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateIndexes, AddLineSerialNumber];

    private static void CreateIndexes(MigrationBuilder b)
    {
        b.CreateTable("AppointmentIndex", t => new
        {
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            InstitutionId = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            State = t.Column<int>(nullable: false),
            Number = t.Column<string>(maxLength: 20, nullable: false),
            OpenDeliveryNumber = t.Column<string>(maxLength: 5, nullable: true),
            DeliveryNumber = t.Column<string>(maxLength: 5, nullable: true),
            Discipline = t.Column<string>(maxLength: 20, nullable: true),
            LineCount = t.Column<int>(nullable: false),
            ConfirmedDate = t.Column<DateOnly>(nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            SubmittedUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AppointmentIndex", x => x.ContentItemId));
        b.CreateIndex("IX_AppointmentIndex_Number", "AppointmentIndex", "Number", unique: true);
        b.CreateIndex("IX_AppointmentIndex_OpenDeliveryNumber", "AppointmentIndex", "OpenDeliveryNumber", unique: true, filter: "\"OpenDeliveryNumber\" IS NOT NULL");
        b.CreateIndex("IX_AppointmentIndex_EnterpriseId_State", "AppointmentIndex", ["EnterpriseId", "State"]);
        b.CreateIndex("IX_AppointmentIndex_InstitutionId_State_Kind", "AppointmentIndex", ["InstitutionId", "State", "Kind"]);
        b.CreateIndex("IX_AppointmentIndex_InstitutionId_ConfirmedDate", "AppointmentIndex", ["InstitutionId", "ConfirmedDate"]);

        b.CreateTable("AppointmentLineIndex", t => new
        {
            Id = t.Identity(),
            AppointmentId = t.Column<string>(maxLength: 32, nullable: false),
            InstrumentId = t.Column<string>(maxLength: 32, nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            Open = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AppointmentLineIndex", x => x.Id));
        b.CreateIndex("IX_AppointmentLineIndex_AppointmentId", "AppointmentLineIndex", "AppointmentId");
        b.CreateIndex("IX_AppointmentLineIndex_InstrumentId_Open", "AppointmentLineIndex", "InstrumentId", unique: true, filter: "\"Open\"");
    }

    /// <summary>The counter finds an appointment by an instrument's serial number (接收登记).</summary>
    private static void AddLineSerialNumber(MigrationBuilder b)
    {
        b.AddColumn<string>("SerialNumber", "AppointmentLineIndex", maxLength: 100, nullable: true);
        b.CreateIndex("IX_AppointmentLineIndex_SerialNumber", "AppointmentLineIndex", "SerialNumber");
    }
}
