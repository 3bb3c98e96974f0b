using Metrology.Certificates.Models;
using Metrology.Core.Enterprises;
using Metrology.Core.Workflows;

namespace Metrology.Certificates;

/// <summary>The domain events of certificates, for workflows. Correlation: "certificate:{id}".</summary>
public static class CertificateEvents
{
    public const string Issued = "CertificateIssued";
    public const string Withheld = "CertificateWithheld";
    public const string Released = "CertificateReleased";
    public const string Revoked = "CertificateRevoked";

    /// <summary>
    /// The input workflows see; the CertificateIssued template reads enterprise.name, instrument.name / serialNumber and
    /// certificate.number.
    /// </summary>
    public static object Payload(string id, CertificatePart p, EnterpriseInfo? enterprise) => new
    {
        Id = id,
        certificate = new
        {
            number = p.Number,
            kind = p.Title,
            conclusion = p.Conclusion,
            verifiedOn = p.VerifiedOn.ToString("yyyy-MM-dd"),
            validUntil = p.ValidUntil?.ToString("yyyy-MM-dd"),
            fees = p.FeesOutstanding,
            reason = p.RevokeReason,
            institution = p.InstitutionName,
        },
        instrument = new { name = p.InstrumentName, serialNumber = p.SerialNumber, modelSpec = p.ModelSpec },
        enterprise = new { name = enterprise?.Name ?? p.EnterpriseName, id = p.EnterpriseId },
        ContactMobile = enterprise?.ContactMobile,
        Email = enterprise?.Email,
        Url = $"/admin/certificates/{id}",
    };

    public static readonly WorkflowEventField[] Fields =
    [
        new("certificate.number", "证书编号", "JD2026-01-000123"),
        new("certificate.kind", "证书类别", "检定证书"),
        new("certificate.conclusion", "检定结论", "合格"),
        new("certificate.validUntil", "有效期至", "2027-11-28"),
        new("certificate.fees", "待缴费用（元）", "120"),
        new("certificate.reason", "撤销原因", "出厂编号录入有误"),
        new("certificate.institution", "检定机构", "重庆市计量质量检测研究院"),
        new("instrument.name", "器具名称", "燃气表"),
        new("instrument.serialNumber", "出厂编号", "CQG2024-1001"),
        new("enterprise.name", "企业名称", "重庆示例燃气有限公司"),
        new("ContactMobile", "企业联系人手机", "13900000001"),
        new("Email", "企业电子邮箱", "gas@example.com"),
    ];
}
