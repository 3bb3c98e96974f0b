using Metrology.Appointments.Models;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments;

internal sealed class AppointmentModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<AppointmentIndex>(e =>
        {
            e.ToTable("AppointmentIndex");
            e.HasKey(x => x.ContentItemId);
            e.Property(x => x.ContentItemId).HasMaxLength(32);
            e.Property(x => x.Number).HasMaxLength(20);
            e.Property(x => x.DeliveryNumber).HasMaxLength(5);
            e.Property(x => x.OpenDeliveryNumber).HasMaxLength(5);
            e.Property(x => x.Discipline).HasMaxLength(20);
            e.HasIndex(x => x.Number).IsUnique().HasDatabaseName("IX_AppointmentIndex_Number");
            e.HasIndex(x => x.OpenDeliveryNumber).IsUnique().HasFilter("\"OpenDeliveryNumber\" IS NOT NULL").HasDatabaseName("IX_AppointmentIndex_OpenDeliveryNumber");
            e.HasIndex(x => new { x.EnterpriseId, x.State }).HasDatabaseName("IX_AppointmentIndex_EnterpriseId_State");
            e.HasIndex(x => new { x.InstitutionId, x.State, x.Kind }).HasDatabaseName("IX_AppointmentIndex_InstitutionId_State_Kind");
            e.HasIndex(x => new { x.InstitutionId, x.ConfirmedDate }).HasDatabaseName("IX_AppointmentIndex_InstitutionId_ConfirmedDate");
        });
        builder.Entity<AppointmentLineIndex>(e =>
        {
            e.ToTable("AppointmentLineIndex");
            e.HasKey(x => x.Id);
            e.Property(x => x.AppointmentId).HasMaxLength(32);
            e.Property(x => x.InstrumentId).HasMaxLength(32);
            e.Property(x => x.SerialNumber).HasMaxLength(100);
            e.HasIndex(x => x.SerialNumber).HasDatabaseName("IX_AppointmentLineIndex_SerialNumber");
            e.HasIndex(x => x.AppointmentId).HasDatabaseName("IX_AppointmentLineIndex_AppointmentId");
            e.HasIndex(x => x.InstrumentId).IsUnique().HasFilter("\"Open\"").HasDatabaseName("IX_AppointmentLineIndex_InstrumentId_Open");
        });
    }
}
