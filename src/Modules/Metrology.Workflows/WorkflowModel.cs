using Metrology.Core.Data;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows;

/// <summary>The workflow tables in the tenant database model (schema in <see cref="Migrations"/>).</summary>
internal sealed class WorkflowModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<WorkflowType>(e =>
        {
            e.ToTable("WorkflowTypes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.Name).HasDatabaseName("IX_WorkflowTypes_Name");
        });
        builder.Entity<WorkflowTypeVersion>(e =>
        {
            e.ToTable("WorkflowTypeVersions");
            e.HasKey(x => x.Id);
            e.Property(x => x.WorkflowTypeId).HasMaxLength(32);
            e.HasIndex(x => new { x.WorkflowTypeId, x.Number }).IsUnique().HasDatabaseName("IX_WorkflowTypeVersions_WorkflowTypeId_Number");
        });
        builder.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("WorkflowInstances");
            e.HasKey(x => x.Id);
            e.Property(x => x.InstanceId).HasMaxLength(32);
            e.Property(x => x.WorkflowTypeId).HasMaxLength(32);
            e.Property(x => x.CorrelationId).HasMaxLength(100);
            e.Property(x => x.SingletonKey).HasMaxLength(140);
            e.Property(x => x.LockOwner).HasMaxLength(32);
            e.HasIndex(x => x.InstanceId).IsUnique().HasDatabaseName("IX_WorkflowInstances_InstanceId");
            e.HasIndex(x => x.SingletonKey).IsUnique().HasDatabaseName("IX_WorkflowInstances_SingletonKey");
            e.HasIndex(x => new { x.WorkflowTypeId, x.Status, x.Id }).HasDatabaseName("IX_WorkflowInstances_WorkflowTypeId_Status");
            e.HasIndex(x => new { x.Status, x.FinishedUtc }).HasDatabaseName("IX_WorkflowInstances_Status_FinishedUtc");
            e.HasIndex(x => x.TypeVersionId).HasDatabaseName("IX_WorkflowInstances_TypeVersionId");
        });
        builder.Entity<WorkflowBlock>(e =>
        {
            e.ToTable("WorkflowBlocks");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.EventName).HasMaxLength(100);
            e.Property(x => x.CorrelationId).HasMaxLength(100);
            e.HasIndex(x => new { x.EventName, x.CorrelationId }).HasDatabaseName("IX_WorkflowBlocks_EventName_CorrelationId");
            e.HasIndex(x => new { x.InstanceId, x.ActivityId }).IsUnique().HasDatabaseName("IX_WorkflowBlocks_InstanceId_ActivityId");
        });
        builder.Entity<WorkflowStart>(e =>
        {
            e.ToTable("WorkflowStarts");
            e.HasKey(x => x.Id);
            e.Property(x => x.WorkflowTypeId).HasMaxLength(32);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.EventName).HasMaxLength(100);
            e.Property(x => x.Filter).HasMaxLength(100);
            e.HasIndex(x => new { x.EventName, x.Filter }).HasDatabaseName("IX_WorkflowStarts_EventName_Filter");
            e.HasIndex(x => x.WorkflowTypeId).HasDatabaseName("IX_WorkflowStarts_WorkflowTypeId");
        });
        builder.Entity<WorkflowTimer>(e =>
        {
            e.ToTable("WorkflowTimers");
            e.HasKey(x => x.Id);
            e.Property(x => x.WorkflowTypeId).HasMaxLength(32);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.Cron).HasMaxLength(100);
            e.HasIndex(x => x.DueUtc).HasDatabaseName("IX_WorkflowTimers_DueUtc");
            e.HasIndex(x => x.WorkflowTypeId).HasDatabaseName("IX_WorkflowTimers_WorkflowTypeId");
            e.HasIndex(x => x.InstanceId).HasDatabaseName("IX_WorkflowTimers_InstanceId");
        });
        builder.Entity<WorkflowLogEntry>(e =>
        {
            e.ToTable("WorkflowLog");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.ActivityName).HasMaxLength(100);
            e.Property(x => x.Outcome).HasMaxLength(100);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.HasIndex(x => new { x.InstanceId, x.Id }).HasDatabaseName("IX_WorkflowLog_InstanceId");
        });
        builder.Entity<WorkflowMessage>(e =>
        {
            e.ToTable("WorkflowMessages");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Url).HasMaxLength(500);
            e.HasIndex(x => new { x.UserId, x.ReadUtc }).HasDatabaseName("IX_WorkflowMessages_UserId_ReadUtc");
        });
    }
}
