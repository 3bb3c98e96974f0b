namespace Metrology.Notifications.Models;

public enum NotificationStatus
{
    /// <summary>Waiting for its next attempt (<see cref="NotificationMessage.NextAttemptUtc"/>).</summary>
    Pending = 0,

    /// <summary>Claimed by one node's delivery run; no other run touches it.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Gave up after the last attempt; an administrator may resend it.</summary>
    Failed = 3,
}

/// <summary>
/// One message of the durable outbox. It is added to the business change's <c>TenantDbContext</c> and so
/// written in that change's transaction; the delivery job sends it later.
/// </summary>
public sealed class NotificationMessage
{
    public int Id { get; set; }
    public NotificationChannel Channel { get; set; }

    /// <summary>A mainland mobile number, or e-mail addresses separated by commas.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>The e-mail subject; null for SMS.</summary>
    public string? Subject { get; set; }

    /// <summary>SMS text, or the e-mail's HTML body.</summary>
    public string Body { get; set; } = "";

    /// <summary>The notification kind whose template made the message (<see cref="NotificationKinds"/>); null for a literal text.</summary>
    public string? Kind { get; set; }

    /// <summary>The SMS vendor's own template (Aliyun's TemplateCode) and its parameters as a JSON object, when the template has them.</summary>
    public string? VendorTemplateCode { get; set; }
    public string? VendorTemplateParams { get; set; }

    /// <summary>What caused the message, usually a content item id.</summary>
    public string? CorrelationId { get; set; }

    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? SentUtc { get; set; }

    /// <summary>The provider that handled the last attempt, and what it answered.</summary>
    public string? Provider { get; set; }
    public string? LastAnswer { get; set; }

    /// <summary>Which delivery run holds the message while it is <see cref="NotificationStatus.Sending"/>.</summary>
    public string? ClaimToken { get; set; }
    public DateTime? ClaimedUtc { get; set; }

    public List<NotificationAttachment> Attachments { get; set; } = [];
}

/// <summary>A file sent with an e-mail (a certificate PDF).</summary>
public sealed class NotificationAttachment
{
    public int Id { get; set; }
    public int MessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public byte[] Content { get; set; } = [];
}
