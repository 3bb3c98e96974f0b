using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Reminders;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateTables];

    private static void CreateTables(MigrationBuilder b)
    {
        b.CreateTable("ReminderClaim", t => new
        {
            Id = t.Identity(),
            InstrumentId = t.Column<string>(maxLength: 32, nullable: false),
            ValidUntil = t.Column<DateOnly>(nullable: false),
            Stage = t.Column<int>(nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            ClaimedUtc = t.Column<DateTime>(nullable: false),
            Outcome = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ReminderClaim", x => x.Id));
        b.CreateIndex("IX_ReminderClaim_Key", "ReminderClaim", ["InstrumentId", "ValidUntil", "Stage"], unique: true);
        b.CreateIndex("IX_ReminderClaim_EnterpriseId_ValidUntil", "ReminderClaim", ["EnterpriseId", "ValidUntil"]);

        b.CreateTable("ReminderPreference", t => new
        {
            EnterpriseId = t.Column<int>(nullable: false),
            Sms = t.Column<bool>(nullable: false),
            Email = t.Column<bool>(nullable: false),
            UpdatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ReminderPreference", x => x.EnterpriseId));
    }
}
