namespace Metrology.Enterprises.Models;

/// <summary>
/// A document an enterprise handed in (licence, ID, letters). Kept in the database with the record it
/// belongs to, so a registration is written whole or not at all, and never served as a public file.
/// </summary>
public sealed class EnterpriseDocument
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }

    /// <summary>Set when the document came with a change request rather than the registration.</summary>
    public int? ChangeRequestId { get; set; }

    public DocumentKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime UploadedUtc { get; set; }
}

public enum DocumentKind
{
    /// <summary>营业执照, or 事业单位法人证书 for a public institution.</summary>
    Licence = 1,
    IdFront = 2,
    IdBack = 3,
    AuthorisationLetter = 4,
    CommitmentLetter = 5,
    ApplicationForm = 6,
}

public static class DocumentKinds
{
    public static string Label(DocumentKind kind, EnterpriseKind enterprise = EnterpriseKind.Company) => kind switch
    {
        DocumentKind.Licence => enterprise == EnterpriseKind.PublicInstitution ? "事业单位法人证书" : "营业执照",
        DocumentKind.IdFront => "法定代表人身份证（正面）",
        DocumentKind.IdBack => "法定代表人身份证（反面）",
        DocumentKind.AuthorisationLetter => "加盖公章的授权委托书",
        DocumentKind.CommitmentLetter => "诚信计量自我承诺书",
        _ => "账号申请表（加盖公章）",
    };
}

/// <summary>How a tenant takes registrations: Guangdong and Chongqing differ (seeds 000 §一, 004 §2).</summary>
public sealed record RegistrationSettings
{
    /// <summary>Largest file, in KB (Chongqing: under 1 MB).</summary>
    public int MaxKilobytes { get; init; } = 5 * 1024;

    public IReadOnlyList<string> Extensions { get; init; } = [".pdf", ".jpg", ".jpeg", ".png"];

    /// <summary>Chongqing asks for the stamped account application form.</summary>
    public bool RequireApplicationForm { get; init; }

    /// <summary>Guangdong: the password is chosen at registration. Chongqing: a 5-digit initial password is sent by SMS on approval.</summary>
    public bool PasswordAtRegistration { get; init; } = true;

    /// <summary>Registration attempts (form posts) allowed per hour from one client and for one contact mobile.</summary>
    public int AttemptsPerClientPerHour { get; init; } = 20;

    public int AttemptsPerMobilePerHour { get; init; } = 5;

    /// <summary>The region code the form shows as an example ("500103 渝中区"): one of the tenant's own.</summary>
    public string? RegionExample { get; init; }
}
