using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Statistics;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateFacts, CoveringIndexes];

    private static void CreateFacts(MigrationBuilder b)
    {
        b.CreateTable("ProcessFacts", t => new
        {
            Id = t.Identity(),
            Step = t.Column<int>(nullable: false),
            InstitutionId = t.Column<int>(nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            InstrumentId = t.Column<string>(maxLength: 32, nullable: true),
            Day = t.Column<DateOnly>(nullable: false),
            Month = t.Column<int>(nullable: false),
            RegionCode = t.Column<string>(maxLength: 20, nullable: true),
            CatalogCode = t.Column<string>(maxLength: 20, nullable: true),
            Usage = t.Column<int>(nullable: true),
            Kind = t.Column<int>(nullable: true),
            Passed = t.Column<bool>(nullable: true),
            TurnaroundDays = t.Column<int>(nullable: true),
            Late = t.Column<bool>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ProcessFacts", x => x.Id));
        b.CreateIndex("IX_ProcessFacts_InstitutionId_Day_Step", "ProcessFacts", ["InstitutionId", "Day", "Step"]);
        b.CreateIndex("IX_ProcessFacts_Day_Step", "ProcessFacts", ["Day", "Step"]);
    }

    /// <summary>
    /// The report groups a period's facts by every column it reads: with them all in the index it never touches the table
    /// (a year of one institution in 2,000,000 cycles read 3.3 s through the narrow indexes).
    /// </summary>
    private static void CoveringIndexes(MigrationBuilder b)
    {
        b.DropIndex("IX_ProcessFacts_InstitutionId_Day_Step", "ProcessFacts");
        b.DropIndex("IX_ProcessFacts_Day_Step", "ProcessFacts");
        b.CreateIndex("IX_ProcessFacts_InstitutionId_Day_Report", "ProcessFacts", ["InstitutionId", "Day", .. StatisticsModel.ReportColumns]);
        b.CreateIndex("IX_ProcessFacts_Day_Report", "ProcessFacts", ["Day", .. StatisticsModel.ReportColumns]);
    }
}
