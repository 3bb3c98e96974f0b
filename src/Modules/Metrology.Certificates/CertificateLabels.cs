using Metrology.Certificates.Models;

namespace Metrology.Certificates;

public static class CertificateLabels
{
    public static string Of(CertificateStatus status, decimal fees = 0) => status switch
    {
        CertificateStatus.Issued => "已发放",
        CertificateStatus.Withheld => fees > 0 ? $"待缴费 {fees:0.##} 元" : "待缴费",
        CertificateStatus.Revoked => "已撤销",
        CertificateStatus.Superseded => "已被替代",
        _ => "",
    };

    public static string Badge(CertificateStatus status) => status switch
    {
        CertificateStatus.Issued => "text-bg-success",
        CertificateStatus.Withheld => "text-bg-warning",
        _ => "text-bg-secondary",
    };

    /// <summary>The enterprise's name on the public page: the first two and last two characters, the rest masked.</summary>
    public static string Mask(string name)
    {
        name = name.Trim();
        if (name.Length <= 2) return name.Length == 0 ? "" : name[0] + "*";
        if (name.Length <= 5) return name[0] + new string('*', name.Length - 2) + name[^1];
        return name[..2] + new string('*', name.Length - 4) + name[^2..];
    }
}
