using Metrology.Certificates.Models;
using Metrology.Core.Enterprises;
using Metrology.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace Metrology.Certificates;

/// <summary>
/// E-mails a released certificate with its PDF attached to the enterprise's address on file, through the notifications
/// outbox (queued in the caller's transaction). The tenant's CertificateIssued template is used where there is one.
/// </summary>
public sealed class CertificateMail(INotificationSender sender, CertificateFiles files, ILogger<CertificateMail> logger)
{
    /// <summary>Queues the e-mail; false (and nothing queued) when the enterprise has no e-mail address or it is refused.</summary>
    public async Task<bool> QueueAsync(string id, CertificatePart part, EnterpriseInfo? enterprise, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(enterprise?.Email)) return false;
        var attachment = new EmailAttachment(files.FileName(part), "application/pdf", await files.PdfAsync(part, ct));
        try
        {
            if (await sender.CanSendAsync(NotificationKinds.CertificateIssued, NotificationChannel.Email, ct))
                await sender.QueueTemplateAsync(NotificationKinds.CertificateIssued, NotificationChannel.Email, enterprise.Email,
                    CertificateEvents.Payload(id, part, enterprise), [attachment], $"certificate:{id}", ct);
            else
                sender.QueueEmail(enterprise.Email, $"{part.Title} {part.Number}（{part.InstrumentName}）",
                    $"<p>{System.Net.WebUtility.HtmlEncode(enterprise.Name)}：</p><p>您的{System.Net.WebUtility.HtmlEncode(part.InstrumentName)}（出厂编号 {System.Net.WebUtility.HtmlEncode(part.SerialNumber)}）已检定完毕，{part.Title} {part.Number} 见附件。</p>",
                    [attachment], $"certificate:{id}");
            return true;
        }
        catch (NotificationException e)
        {
            logger.LogWarning("Certificate {Number} was not e-mailed: {Reason}", part.Number, e.Message);
            return false;
        }
    }
}
