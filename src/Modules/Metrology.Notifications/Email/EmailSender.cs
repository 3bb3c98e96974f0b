using MailAddress = System.Net.Mail.MailAddress;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Metrology.Core;
using Metrology.Core.Tenants;
using Metrology.Notifications.Models;
using Metrology.Notifications.Sms;
using MimeKit;

namespace Metrology.Notifications.Email;

/// <summary>
/// Sends an outbox e-mail with MailKit (which Microsoft recommends over <c>System.Net.Mail.SmtpClient</c>): to an SMTP server,
/// or as an .eml file into the tenant's pickup folder.
/// </summary>
public sealed class EmailSender(SecretProtector secrets, AppPaths paths, TenantContext tenant)
{
    public const string SmtpName = "Smtp";
    public const string PickupName = "Pickup";

    /// <summary>App_Data/Sites/{tenant}/Mail.</summary>
    public string PickupFolder => Path.Combine(paths.TenantFolder(tenant.Tenant), "Mail");

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, EmailSettings settings, CancellationToken ct)
    {
        var mail = new MimeMessage { Subject = message.Subject ?? "" };
        mail.From.Add(new MailboxAddress(settings.FromName ?? "", string.IsNullOrWhiteSpace(settings.FromAddress) ? "noreply@localhost" : settings.FromAddress.Trim()));
        foreach (var address in EmailAddresses.Split(message.Recipient)) mail.To.Add(MailboxAddress.Parse(address));
        var body = new BodyBuilder { HtmlBody = message.Body };
        foreach (var a in message.Attachments) body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        mail.Body = body.ToMessageBody();

        if (settings.Mode == EmailMode.Pickup)
        {
            Directory.CreateDirectory(PickupFolder);
            await mail.WriteToAsync(Path.Combine(PickupFolder, $"{Guid.NewGuid():N}.eml"), ct);
            return DeliveryResult.Ok("已写入投递目录");
        }
        if (string.IsNullOrWhiteSpace(settings.Host)) return DeliveryResult.Fail("未配置 SMTP 服务器。");
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Host.Trim(), settings.Port, settings.EnableSsl ? SecureSocketOptions.Auto : SecureSocketOptions.None, ct);
            if (!string.IsNullOrWhiteSpace(settings.UserName))
                await client.AuthenticateAsync(settings.UserName, secrets.Unprotect(settings.ProtectedPassword) ?? "", ct);
            await client.SendAsync(mail, ct);
            await client.DisconnectAsync(true, ct);
            return DeliveryResult.Ok("250 已被 SMTP 服务器接受");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException
            or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or ServiceNotAuthenticatedException)
        {
            var status = e is SmtpCommandException command ? $"{(int)command.StatusCode} " : "";
            return DeliveryResult.Fail(Http.Trim($"SMTP 发送失败：{status}{e.Message}"));
        }
    }
}

/// <summary>Recipient lists of e-mails: addresses separated by commas or semicolons.</summary>
public static class EmailAddresses
{
    public static IReadOnlyList<string> Split(string recipients) =>
        recipients.Split([',', ';', '，', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Null when every address reads well, else the message naming the one that does not.</summary>
    public static string? Check(string? recipients)
    {
        var list = Split(recipients ?? "");
        if (list.Count == 0) return "请填写收件人电子邮箱。";
        foreach (var address in list)
        {
            if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.', StringComparison.Ordinal))
                return $"电子邮箱“{address}”格式不正确。";
        }
        return null;
    }
}
