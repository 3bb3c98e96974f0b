namespace Metrology.Core.Notifications;

public enum NotificationChannel
{
    Sms = 0,
    Email = 1,
}

/// <summary>A file to send with an e-mail (a certificate PDF).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// A message cannot be queued: a bad mobile number or address, a number over its rate limit, a template
/// that does not compile. The message is in Chinese and meant for the person or the workflow log.
/// </summary>
public sealed class NotificationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// How a module sends an SMS or an e-mail (implemented by the Notifications feature's outbox). Each method
/// checks the recipient and <b>adds</b> a pending message to the scope's <c>TenantDbContext</c> without
/// saving: the caller's <c>SaveChangesAsync</c> writes it with the business change that caused it.
/// </summary>
/// <exception cref="NotificationException">From every method: the reason in Chinese.</exception>
public interface INotificationSender
{
    /// <summary>False where the Notifications feature is not enabled or the kind has no template for the channel.</summary>
    Task<bool> CanSendAsync(string kind, NotificationChannel channel, CancellationToken ct = default);

    Task QueueSmsAsync(string phoneNumber, string text, string? correlationId = null, CancellationToken ct = default);

    void QueueEmail(string to, string subject, string htmlBody, IEnumerable<EmailAttachment>? attachments = null, string? correlationId = null);

    /// <summary>Renders the tenant's template of <paramref name="kind"/> (see <see cref="NotificationKinds"/>) with the model and queues it.</summary>
    Task QueueTemplateAsync(string kind, NotificationChannel channel, string recipient, object? model,
        IEnumerable<EmailAttachment>? attachments = null, string? correlationId = null, CancellationToken ct = default);
}

/// <summary>The keys of the message kinds the product sends; the Notifications feature keeps a template for each.</summary>
public static class NotificationKinds
{
    public const string RegistrationApproved = "RegistrationApproved";
    public const string RegistrationReturned = "RegistrationReturned";
    public const string FilingResult = "FilingResult";
    public const string BookingConfirmed = "BookingConfirmed";
    public const string CertificateIssued = "CertificateIssued";
    public const string PaymentDue = "PaymentDue";
    public const string ExpiryReminder = "ExpiryReminder";
    public const string PasswordResetCode = "PasswordResetCode";
    public const string ChangeRequestResult = "ChangeRequestResult";
}

/// <summary>A template kind (a key of <see cref="NotificationKinds"/>) and its Chinese name, registered by the Notifications feature so that other features (workflows) can offer it by name.</summary>
public sealed record NotificationTemplateKind(string Key, string Name);
