using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Notifications;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateOutbox];

    private static void CreateOutbox(MigrationBuilder b)
    {
        b.CreateTable("NotificationMessages", t => new
        {
            Id = t.Identity(),
            Channel = t.Column<int>(nullable: false),
            Recipient = t.Column<string>(maxLength: 500, nullable: false),
            Subject = t.Column<string>(maxLength: 500, nullable: true),
            Body = t.Column<string>(nullable: false),
            Kind = t.Column<string>(maxLength: 50, nullable: true),
            VendorTemplateCode = t.Column<string>(maxLength: 100, nullable: true),
            VendorTemplateParams = t.Column<string>(nullable: true),
            CorrelationId = t.Column<string>(maxLength: 100, nullable: true),
            Status = t.Column<int>(nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptUtc = t.Column<DateTime>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            SentUtc = t.Column<DateTime>(nullable: true),
            Provider = t.Column<string>(maxLength: 50, nullable: true),
            LastAnswer = t.Column<string>(maxLength: 2000, nullable: true),
            ClaimToken = t.Column<string>(maxLength: 50, nullable: true),
            ClaimedUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_NotificationMessages", x => x.Id));
        b.CreateIndex("IX_NotificationMessages_Status_NextAttemptUtc", "NotificationMessages", ["Status", "NextAttemptUtc"]);
        b.CreateIndex("IX_NotificationMessages_Channel_Recipient_CreatedUtc", "NotificationMessages", ["Channel", "Recipient", "CreatedUtc"]);
        b.CreateIndex("IX_NotificationMessages_CreatedUtc", "NotificationMessages", "CreatedUtc");
        b.CreateIndex("IX_NotificationMessages_CorrelationId", "NotificationMessages", "CorrelationId");

        b.CreateTable("NotificationAttachments", t => new
        {
            Id = t.Identity(),
            MessageId = t.Column<int>(nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            ContentType = t.Column<string>(maxLength: 100, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NotificationAttachments", x => x.Id);
            t.ForeignKey("FK_NotificationAttachments_NotificationMessages_MessageId", x => x.MessageId, "NotificationMessages", "Id", onDelete: ReferentialAction.Cascade);
        });
        b.CreateIndex("IX_NotificationAttachments_MessageId", "NotificationAttachments", "MessageId");
    }
}
