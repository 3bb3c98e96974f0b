using System.Security.Claims;
using Metrology.Certificates.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>
/// The institution's side: staff see their institution's certificates (those who manage every institution see all),
/// revoke one with a reason (the check page shows it), and correct one: the correction is a new certificate with a new
/// number that supersedes the old one.
/// </summary>
public sealed class CertificateDesk(TenantDbContext db, ContentManager contents, CertificateIssuer issuer, IReferenceData reference,
    IEnterpriseDirectory enterprises, IWorkflowEvents events, TimeProvider clock)
{
    public async Task<IQueryable<CertificateIndex>?> VisibleAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var all = db.Set<CertificateIndex>().AsNoTracking();
        if (await reference.MayManageAllInstitutionsAsync(user)) return all;
        return await reference.InstitutionOfAsync(user, ct) is int own ? all.Where(c => c.InstitutionId == own) : null;
    }

    public async Task<(ContentItem Item, CertificatePart Part)?> GetAsync(ClaimsPrincipal user, string id, CancellationToken ct = default)
    {
        if (await VisibleAsync(user, ct) is not { } visible || !await visible.AnyAsync(c => c.ContentItemId == id, ct)) return null;
        return await contents.GetAsync(id, VersionOptions.Latest, ct) is { ContentType: CertificateIssuer.ContentType } item ? (item, CertificatePart.Of(item)) : null;
    }

    /// <summary>撤销: an issued or withheld certificate, with a reason.</summary>
    public async Task<string?> RevokeAsync(ClaimsPrincipal user, string id, string? reason, CancellationToken ct = default) =>
        await GetAsync(user, id, ct) is { } found ? await RevokeAsync(found, user.Identity?.Name, reason, ct) : "证书不存在。";

    /// <summary>撤销 of a certificate already found visible to <paramref name="by"/> (or by the demo recipe).</summary>
    internal async Task<string?> RevokeAsync((ContentItem Item, CertificatePart Part) found, string? by, string? reason, CancellationToken ct)
    {
        var (item, part) = found;
        var id = item.ContentItemId;
        if (part.Status is CertificateStatus.Revoked or CertificateStatus.Superseded) return "该证书已撤销或已被替代。";
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return "请填写撤销原因。";
        if (reason.Length > 200) return "撤销原因最多 200 个字。";
        var revoked = part with { Status = CertificateStatus.Revoked, RevokedUtc = clock.GetUtcNow().UtcDateTime, RevokedBy = by, RevokeReason = reason };
        revoked.WriteTo(item);
        try
        {
            var saved = await contents.SaveAsync(item, true, by, item.ContentItemVersionId, ct);
            if (!saved.Succeeded) return string.Join("；", saved.Errors.Select(e => e.Message));
        }
        catch (ContentConflictException)
        {
            return "该证书刚刚已被修改，请刷新页面后重试。";
        }
        await events.TriggerAsync(CertificateEvents.Revoked, CertificateEvents.Payload(id, revoked, await enterprises.FindAsync(part.EnterpriseId, ct)), $"certificate:{id}", ct);
        return null;
    }

    /// <summary>
    /// 重新出具: a corrected certificate with a new number (same result, the corrected values) supersedes the old one in one
    /// transaction; it is released as the old one was (a withheld one stays withheld).
    /// </summary>
    public async Task<CertificateResult> ReissueAsync(ClaimsPrincipal user, string id, CertificateCorrection correction, CancellationToken ct = default) =>
        await GetAsync(user, id, ct) is { } found ? await ReissueAsync(found, user.Identity?.Name, correction, ct) : CertificateResult.Fail("证书不存在。");

    /// <summary>重新出具 of a certificate already found visible to <paramref name="by"/> (or by the demo recipe).</summary>
    internal async Task<CertificateResult> ReissueAsync((ContentItem Item, CertificatePart Part) found, string? by, CertificateCorrection correction, CancellationToken ct)
    {
        var (item, old) = found;
        var id = item.ContentItemId;
        if (old.Status == CertificateStatus.Superseded) return CertificateResult.Fail($"该证书已被 {old.SupersededByNumber} 替代。");
        if (correction.Check() is { } problem) return CertificateResult.Fail(problem);
        var corrected = correction.ApplyTo(old) with
        {
            Status = old.Status == CertificateStatus.Withheld ? CertificateStatus.Withheld : CertificateStatus.Issued,
            Supersedes = id, SupersededBy = null, SupersededByNumber = null, RevokedUtc = null, RevokedBy = null, RevokeReason = null,
            Number = "", Code = "", UploadedPdf = null, ResentUtc = [], ResultId = null,
        };
        var enterprise = await enterprises.FindAsync(old.EnterpriseId, ct);
        return await issuer.CreateAsync(corrected, enterprise, by, async replacement =>
        {
            var number = CertificatePart.Of(replacement).Number;
            (old with { Status = CertificateStatus.Superseded, SupersededBy = replacement.ContentItemId, SupersededByNumber = number }).WriteTo(item);
            var saved = await contents.SaveAsync(item, true, by, item.ContentItemVersionId, ct);
            return saved.Succeeded ? null : string.Join("；", saved.Errors.Select(e => e.Message));
        }, ct);
    }
}

/// <summary>What a correction may change on a certificate (the rest is copied from the one it supersedes).</summary>
public sealed record CertificateCorrection(string? InstrumentName, string? ModelSpec, string? SerialNumber, string? Manufacturer, string? Regulation,
    DateOnly? ValidUntil, string? AccuracyClass, string? Standards)
{
    public static CertificateCorrection From(CertificatePart p) =>
        new(p.InstrumentName, p.ModelSpec, p.SerialNumber, p.Manufacturer, p.Regulation, p.ValidUntil, p.AccuracyClass, p.Standards);

    public string? Check()
    {
        if (string.IsNullOrWhiteSpace(InstrumentName)) return "请填写器具名称。";
        if (string.IsNullOrWhiteSpace(SerialNumber)) return "请填写出厂编号。";
        if (string.IsNullOrWhiteSpace(Regulation)) return "请填写检定依据。";
        if (new[] { InstrumentName, ModelSpec, SerialNumber, Manufacturer, Regulation, AccuracyClass }.Any(v => v?.Trim().Length > 100)) return "每项最多 100 个字。";
        if (Standards?.Trim().Length > 1000) return "计量标准最多 1000 个字。";
        return null;
    }

    public CertificatePart ApplyTo(CertificatePart p) => p with
    {
        InstrumentName = InstrumentName!.Trim(), ModelSpec = ModelSpec?.Trim() ?? "", SerialNumber = SerialNumber!.Trim(),
        Manufacturer = Manufacturer?.Trim(), Regulation = Regulation!.Trim(), ValidUntil = p.Passed ? ValidUntil : null,
        AccuracyClass = AccuracyClass?.Trim(), Standards = Standards?.Trim(),
    };
}
