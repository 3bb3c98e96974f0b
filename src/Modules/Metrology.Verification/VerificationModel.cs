using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification;

internal sealed class VerificationModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<VerificationTask>(e =>
        {
            e.ToTable("VerificationTask");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.AppointmentId).HasMaxLength(32);
            e.Property(x => x.InstrumentId).HasMaxLength(32);
            e.Property(x => x.Stamp).HasMaxLength(32).IsConcurrencyToken();
            e.HasIndex(x => new { x.AppointmentId, x.InstrumentId }).IsUnique().HasDatabaseName("IX_VerificationTask_AppointmentId_InstrumentId");
            e.HasIndex(x => x.InstrumentId).HasDatabaseName("IX_VerificationTask_InstrumentId");
            e.HasIndex(x => new { x.EnterpriseId, x.Open }).HasDatabaseName("IX_VerificationTask_EnterpriseId_Open");
            e.HasIndex(x => new { x.InstitutionId, x.Open, x.DueDate }).HasDatabaseName("IX_VerificationTask_InstitutionId_Open_DueDate");
            e.HasIndex(x => new { x.InstitutionId, x.Discipline, x.Open, x.DueDate }).HasDatabaseName("IX_VerificationTask_InstitutionId_Discipline_Open_DueDate");
            e.HasIndex(x => new { x.Open, x.DueDate }).HasDatabaseName("IX_VerificationTask_Open_DueDate");
        });
        builder.Entity<VerificationStep>(e =>
        {
            e.ToTable("VerificationStep");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TaskId).HasDatabaseName("IX_VerificationStep_TaskId");
        });
        builder.Entity<AppointmentFee>(e =>
        {
            e.ToTable("AppointmentFee");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.Amount);
            e.HasIndex(x => x.AppointmentId).HasDatabaseName("IX_AppointmentFee_AppointmentId");
        });
    }
}
