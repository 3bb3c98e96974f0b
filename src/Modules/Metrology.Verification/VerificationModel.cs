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
            e.Property(x => x.AppointmentNumber).HasMaxLength(20);
            e.Property(x => x.Discipline).HasMaxLength(20);
            e.Property(x => x.InstrumentName).HasMaxLength(100);
            e.Property(x => x.ModelSpec).HasMaxLength(100);
            e.Property(x => x.SerialNumber).HasMaxLength(100);
            e.Property(x => x.OwnNumber).HasMaxLength(100);
            e.Property(x => x.CatalogCode).HasMaxLength(20);
            e.Property(x => x.Manufacturer).HasMaxLength(200);
            e.Property(x => x.ReceptionPoint).HasMaxLength(50);
            e.Property(x => x.ReceivedBy).HasMaxLength(256);
            e.Property(x => x.AssignedTo).HasMaxLength(256);
            e.Property(x => x.Regulation).HasMaxLength(100);
            e.Property(x => x.Standards).HasMaxLength(500);
            e.Property(x => x.Temperature).HasMaxLength(20);
            e.Property(x => x.Humidity).HasMaxLength(20);
            e.Property(x => x.AccuracyClass).HasMaxLength(50);
            e.Property(x => x.FailedItems).HasMaxLength(500);
            e.Property(x => x.Verifier).HasMaxLength(256);
            e.Property(x => x.Checker).HasMaxLength(256);
            e.Property(x => x.Approver).HasMaxLength(256);
            e.Property(x => x.ReturnReason).HasMaxLength(200);
            e.Property(x => x.CollectedBy).HasMaxLength(50);
            e.Property(x => x.HandedOverBy).HasMaxLength(256);
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
            e.Property(x => x.TaskId).HasMaxLength(32);
            e.Property(x => x.By).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => x.TaskId).HasDatabaseName("IX_VerificationStep_TaskId");
        });
        builder.Entity<AppointmentFee>(e =>
        {
            e.ToTable("AppointmentFee");
            e.HasKey(x => x.Id);
            e.Property(x => x.AppointmentId).HasMaxLength(32);
            e.Property(x => x.Item).HasMaxLength(100);
            e.Property(x => x.RecordedBy).HasMaxLength(256);
            e.Property(x => x.PaidBy).HasMaxLength(256);
            e.Ignore(x => x.Amount);
            e.HasIndex(x => x.AppointmentId).HasDatabaseName("IX_AppointmentFee_AppointmentId");
        });
    }
}
