using Metrology.Certificates.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>
/// The enterprise's side: its own certificates only (the enterprise comes from the signed-in account), the PDF of an issued
/// one, and 电子证书 (the latest issued certificate of an instrument e-mailed again, a few times a day at most).
/// </summary>
public sealed class CertificateLibrary(TenantDbContext db, ContentManager contents, CertificateFiles files, CertificateMail mail, TimeProvider clock)
{
    public IQueryable<CertificateIndex> Query(int enterpriseId) => db.Set<CertificateIndex>().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId);

    public async Task<CertificatePart?> GetAsync(int enterpriseId, string id, CancellationToken ct = default)
    {
        if (!await Query(enterpriseId).AnyAsync(c => c.ContentItemId == id, ct)) return null;
        return await contents.GetAsync(id, VersionOptions.Latest, ct) is { ContentType: CertificateIssuer.ContentType } item ? CertificatePart.Of(item) : null;
    }

    /// <summary>The PDF of the enterprise's certificate, only while it is issued (not withheld, revoked or superseded).</summary>
    public async Task<(byte[] Pdf, string FileName)?> PdfAsync(int enterpriseId, string id, CancellationToken ct = default)
    {
        if (await GetAsync(enterpriseId, id, ct) is not { Status: CertificateStatus.Issued } part) return null;
        return (await files.PdfAsync(part, ct), files.FileName(part));
    }

    /// <summary>The enterprise's certificates among <paramref name="ids"/>, one at a time (for an export).</summary>
    public async IAsyncEnumerable<CertificatePart> PartsAsync(int enterpriseId, IReadOnlyList<string> ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var id in ids)
            if (await GetAsync(enterpriseId, id, ct) is { } part) yield return part;
    }

    public Task<byte[]> FileAsync(CertificatePart part, CancellationToken ct = default) => files.PdfAsync(part, ct);

    /// <summary>电子证书: e-mails the latest issued certificate of each instrument again. Returns (sent, the problems).</summary>
    public async Task<(int Sent, IReadOnlyList<string> Problems)> ResendAsync(EnterpriseInfo enterprise, IEnumerable<string> instrumentIds, string? userName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(enterprise.Email)) return (0, ["本单位未登记电子邮箱：请先在“资料维护→客户信息”中填写。"]);
        var settings = await files.SettingsAsync(ct);
        var ids = instrumentIds.Distinct().Take(50).ToList();
        var latest = await Query(enterprise.Id).Where(c => ids.Contains(c.InstrumentId) && c.Status == CertificateStatus.Issued)
            .GroupBy(c => c.InstrumentId).Select(g => g.OrderByDescending(c => c.IssuedUtc).Select(c => new { c.ContentItemId, c.InstrumentId }).First()).ToListAsync(ct);
        var problems = new List<string>();
        if (latest.Count < ids.Count) problems.Add($"{ids.Count - latest.Count} 台器具没有可发送的电子证书（尚未出具、待缴费或已撤销）。");
        var sent = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in latest)
        {
            if (await contents.GetAsync(row.ContentItemId, VersionOptions.Latest, ct) is not { } item) continue;
            var part = CertificatePart.Of(item);
            var today = part.ResentUtc.Count(t => t > now.AddDays(-1));
            if (today >= settings.ResendsPerDay)
            {
                problems.Add($"证书 {part.Number} 今天已重发 {today} 次，请明天再试。");
                continue;
            }
            var resent = part with { ResentUtc = part.ResentUtc.Where(t => t > now.AddDays(-1)).Append(now).ToList() };
            var ok = await contents.UnitOfWorkAsync(async () =>
            {
                resent.WriteTo(item);
                return (await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct)).Succeeded
                    && await mail.QueueAsync(row.ContentItemId, resent, enterprise, ct);
            }, ct);
            if (ok) sent++;
            else problems.Add($"证书 {part.Number} 未能发送，请稍后重试。");
        }
        return (sent, problems);
    }
}
