using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Verification;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateTables];

    private static void CreateTables(MigrationBuilder b)
    {
        b.CreateTable("VerificationTask", t => new
        {
            Id = t.Column<string>(maxLength: 32, nullable: false),
            AppointmentId = t.Column<string>(maxLength: 32, nullable: false),
            AppointmentNumber = t.Column<string>(maxLength: 20, nullable: false),
            AppointmentKind = t.Column<int>(nullable: false),
            InstrumentId = t.Column<string>(maxLength: 32, nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            InstitutionId = t.Column<int>(nullable: false),
            Discipline = t.Column<string>(maxLength: 20, nullable: true),
            InstrumentName = t.Column<string>(maxLength: 100, nullable: false),
            ModelSpec = t.Column<string>(maxLength: 100, nullable: false),
            SerialNumber = t.Column<string>(maxLength: 100, nullable: false),
            OwnNumber = t.Column<string>(maxLength: 100, nullable: true),
            CatalogCode = t.Column<string>(maxLength: 20, nullable: true),
            Manufacturer = t.Column<string>(maxLength: 200, nullable: true),
            ReceptionPoint = t.Column<string>(maxLength: 50, nullable: false),
            ReceivedUtc = t.Column<DateTime>(nullable: false),
            ReceivedBy = t.Column<string>(maxLength: 256, nullable: false),
            DueDate = t.Column<DateOnly>(nullable: false),
            State = t.Column<int>(nullable: false),
            Open = t.Column<bool>(nullable: false),
            AssignedTo = t.Column<string>(maxLength: 256, nullable: true),
            VerifiedOn = t.Column<DateOnly>(nullable: true),
            Regulation = t.Column<string>(maxLength: 100, nullable: true),
            Standards = t.Column<string>(maxLength: 500, nullable: true),
            Temperature = t.Column<string>(maxLength: 20, nullable: true),
            Humidity = t.Column<string>(maxLength: 20, nullable: true),
            Conclusion = t.Column<int>(nullable: true),
            AccuracyClass = t.Column<string>(maxLength: 50, nullable: true),
            FailedItems = t.Column<string>(maxLength: 500, nullable: true),
            ValidUntil = t.Column<DateOnly>(nullable: true),
            Verifier = t.Column<string>(maxLength: 256, nullable: true),
            SubmittedUtc = t.Column<DateTime>(nullable: true),
            Checker = t.Column<string>(maxLength: 256, nullable: true),
            CheckedUtc = t.Column<DateTime>(nullable: true),
            Approver = t.Column<string>(maxLength: 256, nullable: true),
            ApprovedUtc = t.Column<DateTime>(nullable: true),
            ReturnReason = t.Column<string>(maxLength: 200, nullable: true),
            WaitsForFees = t.Column<bool>(nullable: false),
            CollectedUtc = t.Column<DateTime>(nullable: true),
            CollectedBy = t.Column<string>(maxLength: 50, nullable: true),
            HandedOverBy = t.Column<string>(maxLength: 256, nullable: true),
            DueSoonRaisedUtc = t.Column<DateTime>(nullable: true),
            OverdueRaisedUtc = t.Column<DateTime>(nullable: true),
            Stamp = t.Column<string>(maxLength: 32, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_VerificationTask", x => x.Id));
        b.CreateIndex("IX_VerificationTask_AppointmentId_InstrumentId", "VerificationTask", ["AppointmentId", "InstrumentId"], unique: true);
        b.CreateIndex("IX_VerificationTask_InstrumentId", "VerificationTask", "InstrumentId");
        b.CreateIndex("IX_VerificationTask_EnterpriseId_Open", "VerificationTask", ["EnterpriseId", "Open"]);
        b.CreateIndex("IX_VerificationTask_InstitutionId_Open_DueDate", "VerificationTask", ["InstitutionId", "Open", "DueDate"]);
        b.CreateIndex("IX_VerificationTask_InstitutionId_Discipline_Open_DueDate", "VerificationTask", ["InstitutionId", "Discipline", "Open", "DueDate"]);
        b.CreateIndex("IX_VerificationTask_Open_DueDate", "VerificationTask", ["Open", "DueDate"]);

        b.CreateTable("VerificationStep", t => new
        {
            Id = t.Identity(),
            TaskId = t.Column<string>(maxLength: 32, nullable: false),
            Utc = t.Column<DateTime>(nullable: false),
            By = t.Column<string>(maxLength: 256, nullable: false),
            Action = t.Column<string>(maxLength: 20, nullable: false),
            Note = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_VerificationStep", x => x.Id));
        b.CreateIndex("IX_VerificationStep_TaskId", "VerificationStep", "TaskId");

        b.CreateTable("AppointmentFee", t => new
        {
            Id = t.Identity(),
            AppointmentId = t.Column<string>(maxLength: 32, nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            InstitutionId = t.Column<int>(nullable: false),
            Item = t.Column<string>(maxLength: 100, nullable: false),
            AmountCents = t.Column<long>(nullable: false),
            RecordedUtc = t.Column<DateTime>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 256, nullable: false),
            PaidUtc = t.Column<DateTime>(nullable: true),
            PaidBy = t.Column<string>(maxLength: 256, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AppointmentFee", x => x.Id));
        b.CreateIndex("IX_AppointmentFee_AppointmentId", "AppointmentFee", "AppointmentId");
    }
}
