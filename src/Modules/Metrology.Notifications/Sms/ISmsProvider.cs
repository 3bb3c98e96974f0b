using Metrology.Notifications.Models;

namespace Metrology.Notifications.Sms;

/// <summary>What a provider answered: success, and the text kept on the message (the vendor's code, an error).</summary>
public sealed record DeliveryResult(bool Succeeded, string Answer)
{
    public static DeliveryResult Ok(string answer) => new(true, answer);

    public static DeliveryResult Fail(string answer) => new(false, answer);
}

/// <summary>A way to send SMS; the tenant's <see cref="SmsSettings.DefaultProvider"/> names the one used.</summary>
public interface ISmsProvider
{
    string Name { get; }

    string DisplayName { get; }

    Task<DeliveryResult> SendAsync(NotificationMessage message, SmsSettings settings, CancellationToken ct);
}
