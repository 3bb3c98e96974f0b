using System.Net;
using System.Net.Mail;
using System.Text;
using Metrology.Core;
using Metrology.Core.Tenants;
using Metrology.Notifications.Models;
using Metrology.Notifications.Sms;

namespace Metrology.Notifications.Email;

/// <summary>Sends an outbox e-mail with System.Net.Mail: to an SMTP server, or as an .eml file into the tenant's pickup folder.</summary>
public sealed class EmailSender(SecretProtector secrets, AppPaths paths, TenantContext tenant)
{
    public const string SmtpName = "Smtp";
    public const string PickupName = "Pickup";

    /// <summary>App_Data/Sites/{tenant}/Mail.</summary>
    public string PickupFolder => Path.Combine(paths.TenantFolder(tenant.Tenant), "Mail");

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, EmailSettings settings, CancellationToken ct)
    {
        using var mail = new MailMessage
        {
            From = new MailAddress(string.IsNullOrWhiteSpace(settings.FromAddress) ? "noreply@localhost" : settings.FromAddress.Trim(), settings.FromName, Encoding.UTF8),
            Subject = message.Subject ?? "",
            SubjectEncoding = Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = true,
        };
        foreach (var address in EmailAddresses.Split(message.Recipient)) mail.To.Add(address);
        foreach (var a in message.Attachments)
        {
            var attachment = new Attachment(new MemoryStream(a.Content), a.FileName, a.ContentType);
            attachment.NameEncoding = Encoding.UTF8;
            if (attachment.ContentDisposition is { } disposition) disposition.FileName = a.FileName;
            mail.Attachments.Add(attachment);
        }

        using var client = new SmtpClient();
        if (settings.Mode == EmailMode.Pickup)
        {
            Directory.CreateDirectory(PickupFolder);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupFolder;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(settings.Host)) return DeliveryResult.Fail("未配置 SMTP 服务器。");
            client.Host = settings.Host.Trim();
            client.Port = settings.Port;
            client.EnableSsl = settings.EnableSsl;
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            if (!string.IsNullOrWhiteSpace(settings.UserName))
                client.Credentials = new NetworkCredential(settings.UserName, secrets.Unprotect(settings.ProtectedPassword) ?? "");
        }
        try
        {
            await client.SendMailAsync(mail, ct);
            return DeliveryResult.Ok(settings.Mode == EmailMode.Pickup ? "已写入投递目录" : "250 已被 SMTP 服务器接受");
        }
        catch (SmtpException e)
        {
            return DeliveryResult.Fail(Http.Trim($"SMTP 发送失败：{e.StatusCode} {e.InnerException?.Message ?? e.Message}"));
        }
        catch (IOException e)
        {
            return DeliveryResult.Fail(Http.Trim($"SMTP 发送失败：{e.Message}"));
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
