using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Reminders;

internal sealed class ReminderModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<ReminderClaim>(e =>
        {
            e.ToTable("ReminderClaim");
            e.HasKey(x => x.Id);
            e.Property(x => x.InstrumentId).HasMaxLength(32);
            e.Property(x => x.Outcome).HasMaxLength(200);
            e.HasIndex(x => new { x.InstrumentId, x.ValidUntil, x.Stage }).IsUnique().HasDatabaseName("IX_ReminderClaim_Key");
            e.HasIndex(x => new { x.EnterpriseId, x.ValidUntil }).HasDatabaseName("IX_ReminderClaim_EnterpriseId_ValidUntil");
        });
        builder.Entity<ReminderPreference>(e =>
        {
            e.ToTable("ReminderPreference");
            e.HasKey(x => x.EnterpriseId);
            e.Property(x => x.EnterpriseId).ValueGeneratedNever();
        });
    }
}
