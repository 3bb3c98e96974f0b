namespace Metrology.Certificates.Models;

/// <summary>
/// What staff may change of an institution's certificates without code (DOMAIN.md "The certificate"): the header texts,
/// the logo, the authorisation number, address and phone, the footer notes, and which optional rows show.
/// </summary>
public sealed record CertificateLayout
{
    /// <summary>The institute's name as the header prints it (empty: the institution's name).</summary>
    public string? HeaderTitle { get; init; }

    /// <summary>A second header line (e.g. the English name or 「法定计量检定机构」).</summary>
    public string? HeaderSubtitle { get; init; }

    /// <summary>计量授权证书号 (e.g. "(渝)法计(2021)01001号").</summary>
    public string? AuthorizationNumber { get; init; }

    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? PostCode { get; init; }

    /// <summary>声明: printed at the foot of the results page, one note a line.</summary>
    public string FooterNotes { get; init; } = "1. 本证书（通知书）仅对所检器具有效。\n2. 未经本机构书面批准，不得部分复制本证书。\n3. 扫描二维码可核验证书真伪。";

    /// <summary>Path of the logo (PNG or JPEG) in the tenant's file store, or null.</summary>
    public string? LogoPath { get; init; }

    public bool ShowManufacturer { get; init; } = true;
    public bool ShowMeasuringRange { get; init; } = true;
    public bool ShowAccuracyClass { get; init; } = true;
    public bool ShowEnvironment { get; init; } = true;
    public bool ShowStandards { get; init; } = true;
}

/// <summary>The tenant's certificate settings (a document): numbering, the public address for the QR code, and each institution's layout.</summary>
public sealed record CertificateSettings
{
    /// <summary>
    /// The number pattern: {kind} (JD for a certificate, TZ for a failure notice), {year}, {institution} (the institution's
    /// code, its id in two digits unless <see cref="InstitutionCodes"/> names one) and {seq} (six digits, per prefix).
    /// </summary>
    public string NumberPattern { get; init; } = "{kind}{year}-{institution}-{seq}";

    public Dictionary<int, string> InstitutionCodes { get; init; } = [];

    /// <summary>The site's public address ("https://jl.example.gov.cn/chongqing") the QR code points to; empty: the address of the request.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>How many times a day 电子证书 may send one certificate again.</summary>
    public int ResendsPerDay { get; init; } = 3;

    public Dictionary<int, CertificateLayout> Layouts { get; init; } = [];

    public CertificateLayout LayoutOf(int institutionId) => Layouts.GetValueOrDefault(institutionId) ?? new CertificateLayout();
}
