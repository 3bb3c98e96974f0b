using System.Text.Json;
using Metrology.Core.Content;

namespace Metrology.Certificates.Models;

/// <summary>检定证书 for a pass, 检定结果通知书 for a failure.</summary>
public enum CertificateKind
{
    Certificate = 1,
    FailureNotice = 2,
}

/// <summary>
/// Where a certificate stands. Issued: the enterprise downloads it and it was e-mailed. Withheld: fees are unpaid, so the
/// enterprise sees 待缴费 and the amount, and gets no PDF and no e-mail until paid. Revoked: with a reason, shown on the
/// check page. Superseded: a corrected certificate with a new number replaced it.
/// </summary>
public enum CertificateStatus
{
    Issued = 1,
    Withheld = 2,
    Revoked = 3,
    Superseded = 4,
}

/// <summary>
/// The typed part of a Certificate item: what the approved result said (copied, so the certificate stays as issued),
/// the institution's details at the time, its number and check code, and its status. Stored as "CertificatePart";
/// <see cref="CertificateIndex"/> mirrors it.
/// </summary>
public sealed record CertificatePart
{
    public const string Key = "CertificatePart";

    public CertificateKind Kind { get; init; }
    public CertificateStatus Status { get; init; }

    /// <summary>The number on the certificate: unique in the tenant and never given again (revoked and superseded ones keep theirs).</summary>
    public string Number { get; init; } = "";

    /// <summary>The unguessable code of the public check page (<c>/verify/{code}</c>), not derived from the number.</summary>
    public string Code { get; init; } = "";

    /// <summary>The approved result this was made from (null for one uploaded from a lab system).</summary>
    public string? ResultId { get; init; }

    public string InstrumentId { get; init; } = "";
    public int EnterpriseId { get; init; }
    public string EnterpriseName { get; init; } = "";
    public string? EnterpriseAddress { get; init; }
    public int InstitutionId { get; init; }
    public string InstitutionName { get; init; } = "";
    public string? InstitutionAddress { get; init; }
    public string? InstitutionPhone { get; init; }
    public string? AppointmentId { get; init; }
    public string? AppointmentNumber { get; init; }

    public string InstrumentName { get; init; } = "";
    public string ModelSpec { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public string? OwnNumber { get; init; }
    public string? Manufacturer { get; init; }
    public string? MeasuringRange { get; init; }
    public string? CatalogCode { get; init; }
    public string Regulation { get; init; } = "";
    public string? Standards { get; init; }
    public string? Temperature { get; init; }
    public string? Humidity { get; init; }
    public bool Passed { get; init; }
    public string? AccuracyClass { get; init; }
    public string? FailedItems { get; init; }
    public DateOnly VerifiedOn { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public string Verifier { get; init; } = "";
    public string Checker { get; init; } = "";
    public string Approver { get; init; } = "";

    public decimal FeesOutstanding { get; init; }
    public DateTime IssuedUtc { get; init; }
    public DateTime? ReleasedUtc { get; init; }
    public DateTime? RevokedUtc { get; init; }
    public string? RevokedBy { get; init; }
    public string? RevokeReason { get; init; }

    /// <summary>The certificate this one corrects (it is superseded), and the one that superseded this.</summary>
    public string? Supersedes { get; init; }
    public string? SupersededBy { get; init; }
    public string? SupersededByNumber { get; init; }

    /// <summary>Path in the tenant's file store of a PDF uploaded from a lab system: served instead of a generated one.</summary>
    public string? UploadedPdf { get; init; }

    /// <summary>When 电子证书 sent it again (for the daily limit).</summary>
    public List<DateTime> ResentUtc { get; init; } = [];

    public string Conclusion => Passed ? "合格" : "不合格";

    public string Title => Kind == CertificateKind.Certificate ? "检定证书" : "检定结果通知书";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CertificatePart Of(ContentItem item) => item.Content[Key]?.Deserialize<CertificatePart>(Json) ?? new CertificatePart();

    public void WriteTo(ContentItem item)
    {
        item.Content[Key] = JsonSerializer.SerializeToNode(this, Json);
        item.SetText(ContentParts.Title, "Title", $"{Title} {Number}");
    }
}
