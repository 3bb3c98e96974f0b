using Metrology.Notifications.Models;

namespace Metrology.Notifications.Sms;

/// <summary>Development and tests: the message is only kept in the outbox and shown in the admin's message log.</summary>
internal sealed class OutboxSmsProvider : ISmsProvider
{
    public const string ProviderName = "Outbox";

    public string Name => ProviderName;

    public string DisplayName => "仅记录（开发与测试，不实际发送）";

    public Task<DeliveryResult> SendAsync(NotificationMessage message, SmsSettings settings, CancellationToken ct) =>
        Task.FromResult(DeliveryResult.Ok("已记录，未实际发送"));
}
