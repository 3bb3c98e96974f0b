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
        });
        builder.Entity<WorkflowTypeVersion>(e =>
        {
            e.ToTable("WorkflowTypeVersions");
            e.HasKey(x => x.Id);
            e.Property(x => x.WorkflowTypeId).HasMaxLength(32);
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
        });
        builder.Entity<WorkflowBlock>(e =>
        {
            e.ToTable("WorkflowBlocks");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.EventName).HasMaxLength(100);
            e.Property(x => x.CorrelationId).HasMaxLength(100);
        });
        builder.Entity<WorkflowStart>(e =>
        {
            e.ToTable("WorkflowStarts");
            e.HasKey(x => x.Id);
            e.Property(x => x.WorkflowTypeId).HasMaxLength(32);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.EventName).HasMaxLength(100);
            e.Property(x => x.Filter).HasMaxLength(100);
        });
        builder.Entity<WorkflowTimer>(e =>
        {
            e.ToTable("WorkflowTimers");
            e.HasKey(x => x.Id);
            e.Property(x => x.WorkflowTypeId).HasMaxLength(32);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.Cron).HasMaxLength(100);
        });
        builder.Entity<WorkflowLogEntry>(e =>
        {
            e.ToTable("WorkflowLog");
            e.HasKey(x => x.Id);
            e.Property(x => x.ActivityId).HasMaxLength(32);
            e.Property(x => x.ActivityName).HasMaxLength(100);
            e.Property(x => x.Outcome).HasMaxLength(100);
            e.Property(x => x.UserName).HasMaxLength(256);
        });
        builder.Entity<WorkflowMessage>(e =>
        {
            e.ToTable("WorkflowMessages");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Url).HasMaxLength(500);
        });
    }
}
