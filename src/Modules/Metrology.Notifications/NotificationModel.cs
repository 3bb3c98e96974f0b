using Metrology.Core.Data;
using Metrology.Notifications.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Notifications;

/// <summary>The outbox tables in the tenant database model.</summary>
internal sealed class NotificationModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder)
    {
        builder.Entity<NotificationMessage>(e =>
        {
            e.ToTable("NotificationMessages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Recipient).HasMaxLength(500);
            e.Property(x => x.Subject).HasMaxLength(500);
            e.Property(x => x.Kind).HasMaxLength(50);
            e.Property(x => x.VendorTemplateCode).HasMaxLength(100);
            e.Property(x => x.CorrelationId).HasMaxLength(100);
            e.Property(x => x.Provider).HasMaxLength(50);
            e.Property(x => x.LastAnswer).HasMaxLength(2000);
            e.Property(x => x.ClaimToken).HasMaxLength(50);
            e.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.Status, x.NextAttemptUtc }).HasDatabaseName("IX_NotificationMessages_Status_NextAttemptUtc");
            e.HasIndex(x => new { x.Channel, x.Recipient, x.CreatedUtc }).HasDatabaseName("IX_NotificationMessages_Channel_Recipient_CreatedUtc");
            e.HasIndex(x => x.CreatedUtc).HasDatabaseName("IX_NotificationMessages_CreatedUtc");
            e.HasIndex(x => x.CorrelationId).HasDatabaseName("IX_NotificationMessages_CorrelationId");
        });
        builder.Entity<NotificationAttachment>(e =>
        {
            e.ToTable("NotificationAttachments");
            e.HasKey(x => x.Id);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.HasIndex(x => x.MessageId).HasDatabaseName("IX_NotificationAttachments_MessageId");
        });
    }
}
