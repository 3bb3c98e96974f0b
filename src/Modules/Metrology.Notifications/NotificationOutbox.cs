using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Core.Notifications;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Metrology.Notifications.Email;
using Metrology.Notifications.Models;
using Metrology.Notifications.Sms;
using Metrology.Notifications.Templates;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Notifications;

/// <summary>
/// The way every module (and every workflow task) sends a notification. Each method checks the
/// recipient, then <b>adds</b> a pending message to the scope's <see cref="TenantDbContext"/> and does
/// not save: the caller's own <c>SaveChangesAsync</c> writes it in the same transaction as the business
/// change that caused it, so a change that rolls back leaves no message, and a saved change always has
/// its message. The delivery job sends it later, with retries. A caller with nothing else to save calls
/// <c>SaveChangesAsync</c> itself.
/// </summary>
/// <exception cref="NotificationException">From every method: the reason in Chinese (bad number or address, rate limit, template).</exception>
public sealed class NotificationOutbox(TenantDbContext db, DocumentStore documents, SiteSettingsService site, TemplateEngine templates, TenantContext tenant, TimeProvider clock)
    : INotificationSender
{
    public const string FeatureId = "Metrology.Notifications";

    public async Task<bool> CanSendAsync(string kind, NotificationChannel channel, CancellationToken ct = default) =>
        tenant.IsEnabled(FeatureId) && (await documents.GetAsync<NotificationTemplates>(ct)).Find(kind) is { } t
        && (channel == NotificationChannel.Sms ? !string.IsNullOrWhiteSpace(t.SmsText) : !string.IsNullOrWhiteSpace(t.EmailSubject) && !string.IsNullOrWhiteSpace(t.EmailBody));

    Task INotificationSender.QueueSmsAsync(string phoneNumber, string text, string? correlationId, CancellationToken ct) =>
        QueueSmsAsync(phoneNumber, text, correlationId, ct);

    void INotificationSender.QueueEmail(string to, string subject, string htmlBody, IEnumerable<EmailAttachment>? attachments, string? correlationId) =>
        QueueEmail(to, subject, htmlBody, attachments, correlationId);

    Task INotificationSender.QueueTemplateAsync(string kind, NotificationChannel channel, string recipient, object? model,
        IEnumerable<EmailAttachment>? attachments, string? correlationId, CancellationToken ct) =>
        QueueTemplateAsync(kind, channel, recipient, model, attachments, correlationId, ct);

    /// <summary>Queues an SMS with a literal text.</summary>
    public async Task<NotificationMessage> QueueSmsAsync(string phoneNumber, string text, string? correlationId = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new NotificationException("短信内容不能为空。");
        return Add(await CheckSmsAsync(phoneNumber, ct), NotificationChannel.Sms, null, text, null, null, null, correlationId, []);
    }

    /// <summary>Queues an e-mail with a literal subject and HTML body (values already escaped by the caller).</summary>
    public NotificationMessage QueueEmail(string to, string subject, string htmlBody, IEnumerable<EmailAttachment>? attachments = null, string? correlationId = null)
    {
        if (EmailAddresses.Check(to) is { } error) throw new NotificationException(error);
        return Add(string.Join(",", EmailAddresses.Split(to)), NotificationChannel.Email, subject, htmlBody, null, null, null, correlationId, attachments ?? []);
    }

    /// <summary>
    /// Renders the tenant's template of <paramref name="kind"/> (see <see cref="NotificationKinds"/>) with
    /// <paramref name="model"/> (an object, an anonymous object or nested dictionaries; a missing value
    /// renders empty; the site's name, phone, address and e-mail are <c>@site.*</c>) and queues it on <paramref name="channel"/> to <paramref name="recipient"/>.
    /// </summary>
    public async Task<NotificationMessage> QueueTemplateAsync(string kind, NotificationChannel channel, string recipient, object? model,
        IEnumerable<EmailAttachment>? attachments = null, string? correlationId = null, CancellationToken ct = default)
    {
        var template = (await documents.GetAsync<NotificationTemplates>(ct)).Find(kind);
        var name = NotificationKindCatalog.Find(kind)?.Name ?? kind;
        var settings = await site.GetAsync(ct);
        var data = TemplateEngine.SiteData(settings.SiteName, settings.Phone, settings.Address, settings.Email);
        if (channel == NotificationChannel.Sms)
        {
            if (template is null || string.IsNullOrWhiteSpace(template.SmsText)) throw new NotificationException($"没有“{name}”的短信模板。");
            var phone = await CheckSmsAsync(recipient, ct);
            var text = templates.Text(template.SmsText, model, data).Trim();
            if (text.Length == 0) throw new NotificationException($"“{name}”的短信模板生成的内容为空。");
            var code = string.IsNullOrWhiteSpace(template.VendorTemplateCode) ? null : template.VendorTemplateCode.Trim();
            return Add(phone, channel, null, text, kind, code, code is null ? null : VendorParams(template.VendorTemplateParams, model, data), correlationId, []);
        }
        if (template is null || string.IsNullOrWhiteSpace(template.EmailSubject) || string.IsNullOrWhiteSpace(template.EmailBody))
            throw new NotificationException($"没有“{name}”的邮件模板。");
        if (EmailAddresses.Check(recipient) is { } error) throw new NotificationException(error);
        return Add(string.Join(",", EmailAddresses.Split(recipient)), channel, templates.Text(template.EmailSubject, model, data).Trim(),
            templates.Html(template.EmailBody, model, data), kind, null, null, correlationId, attachments ?? []);
    }

    /// <summary>The parameters of a vendor template: one <c>name=Handlebars</c> a line, as a JSON object.</summary>
    private string VendorParams(string? lines, object? model, object data)
    {
        var values = new Dictionary<string, string>();
        foreach (var line in (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=');
            if (equals <= 0) continue;
            values[line[..equals].Trim()] = templates.Text(line[(equals + 1)..].Trim(), model, data);
        }
        return JsonSerializer.Serialize(values, Http.Json);
    }

    /// <summary>The number in 11-digit form, if it is a mainland mobile number within its rate limits (counting messages not yet saved).</summary>
    private async Task<string> CheckSmsAsync(string? phoneNumber, CancellationToken ct)
    {
        var phone = MobileNumber.Normalize(phoneNumber) ?? throw new NotificationException(MobileNumber.Message + $"（“{phoneNumber}”）");
        var settings = await documents.GetAsync<SmsSettings>(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await CheckLimitAsync(phone, settings.PerMinute, now.AddMinutes(-1), $"同一号码每分钟最多发送 {settings.PerMinute} 条短信", ct);
        await CheckLimitAsync(phone, settings.PerDay, now.AddDays(-1), $"同一号码 24 小时内最多发送 {settings.PerDay} 条短信", ct);
        return phone;
    }

    private async Task CheckLimitAsync(string phone, int limit, DateTime since, string rule, CancellationToken ct)
    {
        if (limit <= 0) return;
        var saved = await db.Set<NotificationMessage>().CountAsync(m => m.Channel == NotificationChannel.Sms && m.Recipient == phone && m.CreatedUtc >= since, ct);
        var unsaved = db.ChangeTracker.Entries<NotificationMessage>()
            .Count(e => e.State == EntityState.Added && e.Entity.Channel == NotificationChannel.Sms && e.Entity.Recipient == phone);
        if (saved + unsaved >= limit) throw new NotificationException($"发送过于频繁：{rule}，号码 {phone} 已达上限，请稍后再试。");
    }

    private NotificationMessage Add(string recipient, NotificationChannel channel, string? subject, string body, string? kind,
        string? vendorCode, string? vendorParams, string? correlationId, IEnumerable<EmailAttachment> attachments)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new NotificationMessage
        {
            Channel = channel,
            Recipient = recipient,
            Subject = subject,
            Body = body,
            Kind = kind,
            VendorTemplateCode = vendorCode,
            VendorTemplateParams = vendorParams,
            CorrelationId = correlationId,
            Status = NotificationStatus.Pending,
            NextAttemptUtc = now,
            CreatedUtc = now,
            Attachments = attachments.Select(a => new NotificationAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content }).ToList(),
        };
        db.Add(message);
        return message;
    }
}
