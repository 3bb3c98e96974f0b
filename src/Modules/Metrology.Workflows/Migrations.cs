using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Workflows;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateTables, AddUndo];

    private static void CreateTables(MigrationBuilder b)
    {
        b.CreateTable("WorkflowTypes", t => new
        {
            Id = t.Column<string>(maxLength: 32, nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Enabled = t.Column<bool>(nullable: false),
            IsSingleton = t.Column<bool>(nullable: false),
            CurrentVersionId = t.Column<int>(nullable: false),
            DraftJson = t.Column<string>(nullable: true),
            ModifiedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WorkflowTypes", x => x.Id));
        b.CreateIndex("IX_WorkflowTypes_Name", "WorkflowTypes", "Name");

        b.CreateTable("WorkflowTypeVersions", t => new
        {
            Id = t.Identity(),
            WorkflowTypeId = t.Column<string>(maxLength: 32, nullable: false),
            Number = t.Column<int>(nullable: false),
            Json = t.Column<string>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WorkflowTypeVersions", x => x.Id));
        b.CreateIndex("IX_WorkflowTypeVersions_WorkflowTypeId_Number", "WorkflowTypeVersions", ["WorkflowTypeId", "Number"], unique: true);

        b.CreateTable("WorkflowInstances", t => new
        {
            Id = t.Identity(),
            InstanceId = t.Column<string>(maxLength: 32, nullable: false),
            WorkflowTypeId = t.Column<string>(maxLength: 32, nullable: false),
            TypeVersionId = t.Column<int>(nullable: false),
            Status = t.Column<int>(nullable: false),
            CorrelationId = t.Column<string>(maxLength: 100, nullable: true),
            SingletonKey = t.Column<string>(maxLength: 140, nullable: true),
            StateJson = t.Column<string>(nullable: false),
            Error = t.Column<string>(nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ModifiedUtc = t.Column<DateTime>(nullable: false),
            FinishedUtc = t.Column<DateTime>(nullable: true),
            LockOwner = t.Column<string>(maxLength: 32, nullable: true),
            LockedUntilUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WorkflowInstances", x => x.Id));
        b.CreateIndex("IX_WorkflowInstances_InstanceId", "WorkflowInstances", "InstanceId", unique: true);
        // Nulls are distinct in a unique index on both providers: only live singleton instances collide.
        b.CreateIndex("IX_WorkflowInstances_SingletonKey", "WorkflowInstances", "SingletonKey", unique: true);
        b.CreateIndex("IX_WorkflowInstances_WorkflowTypeId_Status", "WorkflowInstances", ["WorkflowTypeId", "Status", "Id"]);
        b.CreateIndex("IX_WorkflowInstances_Status_FinishedUtc", "WorkflowInstances", ["Status", "FinishedUtc"]);
        b.CreateIndex("IX_WorkflowInstances_TypeVersionId", "WorkflowInstances", "TypeVersionId");

        b.CreateTable("WorkflowBlocks", t => new
        {
            Id = t.Identity(),
            InstanceId = t.Column<int>(nullable: false),
            ActivityId = t.Column<string>(maxLength: 32, nullable: false),
            EventName = t.Column<string>(maxLength: 100, nullable: false),
            CorrelationId = t.Column<string>(maxLength: 100, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WorkflowBlocks", x => x.Id));
        b.CreateIndex("IX_WorkflowBlocks_EventName_CorrelationId", "WorkflowBlocks", ["EventName", "CorrelationId"]);
        b.CreateIndex("IX_WorkflowBlocks_InstanceId_ActivityId", "WorkflowBlocks", ["InstanceId", "ActivityId"], unique: true);

        b.CreateTable("WorkflowStarts", t => new
        {
            Id = t.Identity(),
            WorkflowTypeId = t.Column<string>(maxLength: 32, nullable: false),
            TypeVersionId = t.Column<int>(nullable: false),
            ActivityId = t.Column<string>(maxLength: 32, nullable: false),
            EventName = t.Column<string>(maxLength: 100, nullable: false),
            Filter = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WorkflowStarts", x => x.Id));
        b.CreateIndex("IX_WorkflowStarts_EventName_Filter", "WorkflowStarts", ["EventName", "Filter"]);
        b.CreateIndex("IX_WorkflowStarts_WorkflowTypeId", "WorkflowStarts", "WorkflowTypeId");

        b.CreateTable("WorkflowTimers", t => new
        {
            Id = t.Identity(),
            WorkflowTypeId = t.Column<string>(maxLength: 32, nullable: false),
            TypeVersionId = t.Column<int>(nullable: false),
            InstanceId = t.Column<int>(nullable: true),
            ActivityId = t.Column<string>(maxLength: 32, nullable: false),
            Cron = t.Column<string>(maxLength: 100, nullable: false),
            DueUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WorkflowTimers", x => x.Id));
        b.CreateIndex("IX_WorkflowTimers_DueUtc", "WorkflowTimers", "DueUtc");
        b.CreateIndex("IX_WorkflowTimers_WorkflowTypeId", "WorkflowTimers", "WorkflowTypeId");
        b.CreateIndex("IX_WorkflowTimers_InstanceId", "WorkflowTimers", "InstanceId");

        b.CreateTable("WorkflowLog", t => new
        {
            Id = t.Identity(),
            InstanceId = t.Column<int>(nullable: false),
            ActivityId = t.Column<string>(maxLength: 32, nullable: false),
            ActivityName = t.Column<string>(maxLength: 100, nullable: false),
            Outcome = t.Column<string>(maxLength: 100, nullable: true),
            Message = t.Column<string>(nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            TimeUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WorkflowLog", x => x.Id));
        b.CreateIndex("IX_WorkflowLog_InstanceId", "WorkflowLog", ["InstanceId", "Id"]);

        b.CreateTable("WorkflowMessages", t => new
        {
            Id = t.Identity(),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Subject = t.Column<string>(maxLength: 200, nullable: false),
            Body = t.Column<string>(nullable: true),
            Url = t.Column<string>(maxLength: 500, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ReadUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WorkflowMessages", x => x.Id));
        b.CreateIndex("IX_WorkflowMessages_UserId_ReadUtc", "WorkflowMessages", ["UserId", "ReadUtc"]);
    }

    /// <summary>The designer's undo: the graphs before the last changes of the draft.</summary>
    private static void AddUndo(MigrationBuilder b) => b.AddColumn<string>("UndoJson", "WorkflowTypes", nullable: true);
}
