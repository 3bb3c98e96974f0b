using Metrology.Certificates.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Verification;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates;

/// <summary>The outcome of a certificate use case: the certificate's id, or the reason in Chinese.</summary>
public sealed record CertificateResult(string? Id, string? Error)
{
    public bool Succeeded => Error is null;

    public static CertificateResult Fail(string error) => new(null, error);
}

/// <summary>
/// Makes certificates and failure notices (from an approved result, an upload or a correction), releases withheld ones
/// once fees are paid, and keeps the instrument's valid-until and last verification date with an issued pass. Every
/// change is one transaction with the instrument's change and the queued e-mail; workflow events follow the commit.
/// </summary>
public sealed class CertificateIssuer(TenantDbContext db, ContentManager contents, CertificateFiles files, CertificateMail mail,
    IInstrumentRecords instruments, IEnterpriseDirectory enterprises, IReferenceData reference, IWorkflowEvents events, TimeProvider clock)
{
    public const string ContentType = "Certificate";

    /// <summary>From an approved result: a certificate for a pass, a failure notice for a fail; withheld while fees are owed. Once per result.</summary>
    public async Task<CertificateResult> IssueAsync(ApprovedResult r, string? userName, CancellationToken ct = default)
    {
        if (await db.Set<CertificateIndex>().AsNoTracking().Where(c => c.ResultId == r.ResultId).Select(c => c.ContentItemId).FirstOrDefaultAsync(ct) is { } existing)
            return new CertificateResult(existing, null);
        var enterprise = await enterprises.FindAsync(r.EnterpriseId, ct);
        var institution = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == r.InstitutionId);
        var withheld = r.WaitsForFees && r.FeesOutstanding > 0;
        var part = new CertificatePart
        {
            Kind = r.Conclusion == VerificationConclusion.Pass ? CertificateKind.Certificate : CertificateKind.FailureNotice,
            Status = withheld ? CertificateStatus.Withheld : CertificateStatus.Issued,
            ResultId = r.ResultId,
            InstrumentId = r.InstrumentId,
            EnterpriseId = r.EnterpriseId,
            EnterpriseName = enterprise?.Name ?? "",
            EnterpriseAddress = enterprise?.Address,
            InstitutionId = r.InstitutionId,
            InstitutionName = institution?.Name ?? "",
            InstitutionAddress = institution?.Addresses?.Split('\n')[0].Trim(),
            InstitutionPhone = institution?.Phone,
            AppointmentId = r.AppointmentId,
            AppointmentNumber = r.AppointmentNumber,
            InstrumentName = r.InstrumentName,
            ModelSpec = r.ModelSpec,
            SerialNumber = r.SerialNumber,
            OwnNumber = r.OwnNumber,
            Manufacturer = r.Manufacturer,
            MeasuringRange = r.MeasuringRange,
            CatalogCode = r.CatalogCode,
            Regulation = r.Regulation,
            Standards = r.Standards,
            Temperature = r.Temperature,
            Humidity = r.Humidity,
            Passed = r.Conclusion == VerificationConclusion.Pass,
            AccuracyClass = r.AccuracyClass,
            FailedItems = r.FailedItems,
            VerifiedOn = r.VerifiedOn,
            ValidUntil = r.Conclusion == VerificationConclusion.Pass ? r.ValidUntil : null,
            Approver = r.Approver,
            Checker = r.Checker,
            Verifier = r.Verifier,
            FeesOutstanding = withheld ? r.FeesOutstanding : 0,
        };
        return await CreateAsync(part, enterprise, userName, null, ct);
    }

    /// <summary>
    /// Saves a new certificate (numbered now) with, where it is released at once, the instrument's new dates and the e-mail.
    /// <paramref name="within"/> runs in the same transaction (a correction marks the old one superseded there).
    /// </summary>
    internal async Task<CertificateResult> CreateAsync(CertificatePart part, EnterpriseInfo? enterprise, string? userName,
        Func<ContentItem, Task<string?>>? within, CancellationToken ct)
    {
        var settings = await files.SettingsAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var year = clock.GetLocalNow().Year;
        for (var attempt = 0; ; attempt++)
        {
            var item = await contents.NewAsync(ContentType, userName, ct);
            var numbered = part with
            {
                // A certificate uploaded from a lab system keeps the lab's number.
                Number = part.Number.Length > 0 ? part.Number : await CertificateNumbers.NextAsync(db, settings, part.Kind, part.InstitutionId, year, ct),
                Code = CertificateNumbers.NewCode(),
                IssuedUtc = now,
                ReleasedUtc = part.Status == CertificateStatus.Issued ? now : null,
            };
            string? error = null;
            try
            {
                var committed = await contents.UnitOfWorkAsync(async () =>
                {
                    numbered.WriteTo(item);
                    var saved = await contents.SaveAsync(item, true, userName, null, ct);
                    if (!saved.Succeeded) { error = string.Join("；", saved.Errors.Select(e => e.Message)); return false; }
                    if (within is not null && (error = await within(item)) is not null) return false;
                    if (numbered.Status == CertificateStatus.Issued && (error = await ReleasedAsync(item.ContentItemId, numbered, enterprise, userName, ct)) is not null) return false;
                    return true;
                }, ct);
                if (!committed) return CertificateResult.Fail(error ?? "证书未能保存。");
            }
            catch (DbUpdateException) when (part.Number.Length > 0)
            {
                db.ChangeTracker.Clear();
                return CertificateResult.Fail($"证书编号 {part.Number} 已存在。");
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // Another issue took the same number (or code) a moment ago: draw again.
                db.ChangeTracker.Clear();
                continue;
            }
            await events.TriggerAsync(numbered.Status == CertificateStatus.Issued ? CertificateEvents.Issued : CertificateEvents.Withheld,
                CertificateEvents.Payload(item.ContentItemId, numbered, enterprise), $"certificate:{item.ContentItemId}", ct);
            return new CertificateResult(item.ContentItemId, null);
        }
    }

    /// <summary>
    /// 缴费后放行: the appointment's withheld certificates become issued (e-mailed, the instrument updated), and an approved
    /// result of it that has no certificate yet gets one. Only when <paramref name="feesOutstanding"/> is 0.
    /// </summary>
    public async Task<int> ReleaseAsync(string appointmentId, decimal feesOutstanding, IReadOnlyList<ApprovedResult> approved, string? userName, CancellationToken ct = default)
    {
        if (feesOutstanding > 0) return 0;
        var released = 0;
        var ids = await db.Set<CertificateIndex>().AsNoTracking().Where(c => c.AppointmentId == appointmentId && c.Status == CertificateStatus.Withheld)
            .Select(c => c.ContentItemId).ToListAsync(ct);
        foreach (var id in ids)
            if (await ReleaseOneAsync(id, userName, ct)) released++;
        foreach (var result in approved)
        {
            var known = await db.Set<CertificateIndex>().AsNoTracking().AnyAsync(c => c.ResultId == result.ResultId, ct);
            if (!known && (await IssueAsync(result with { WaitsForFees = false, FeesOutstanding = 0 }, userName, ct)).Succeeded) released++;
        }
        return released;
    }

    private async Task<bool> ReleaseOneAsync(string id, string? userName, CancellationToken ct)
    {
        if (await contents.GetAsync(id, VersionOptions.Latest, ct) is not { ContentType: ContentType } item) return false;
        var part = CertificatePart.Of(item);
        if (part.Status != CertificateStatus.Withheld) return false;
        var enterprise = await enterprises.FindAsync(part.EnterpriseId, ct);
        var issued = part with { Status = CertificateStatus.Issued, FeesOutstanding = 0, ReleasedUtc = clock.GetUtcNow().UtcDateTime };
        string? error = null;
        var committed = await contents.UnitOfWorkAsync(async () =>
        {
            issued.WriteTo(item);
            var saved = await contents.SaveAsync(item, true, userName, item.ContentItemVersionId, ct);
            if (!saved.Succeeded) return false;
            return (error = await ReleasedAsync(id, issued, enterprise, userName, ct)) is null;
        }, ct);
        if (!committed) return false;
        await events.TriggerAsync(CertificateEvents.Released, CertificateEvents.Payload(id, issued, enterprise), $"certificate:{id}", ct);
        return true;
    }

    /// <summary>What follows a certificate's release in its transaction: a pass dates the instrument; the enterprise is e-mailed the PDF.</summary>
    private async Task<string?> ReleasedAsync(string id, CertificatePart part, EnterpriseInfo? enterprise, string? userName, CancellationToken ct)
    {
        if (part.Passed && part.ValidUntil is { } until)
        {
            var errors = await instruments.ChangeAnyAsync(part.InstrumentId, new InstrumentChange(ValidUntil: until, LastVerificationDate: part.VerifiedOn), userName, ct);
            if (errors.Count > 0) return "器具的有效期未能更新：" + string.Join("；", errors.Select(e => e.Message));
        }
        await mail.QueueAsync(id, part, enterprise, ct);
        return null;
    }
}
