namespace Metrology.Enterprises.Models;

/// <summary>
/// An enterprise (or public institution) that uses measuring instruments, and the account it signs in
/// with. Registration, review and change requests build on this record.
/// </summary>
public sealed class Enterprise : Metrology.Core.Security.IAccessRecord
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>统一社会信用代码: 18 characters with a check character (<see cref="CreditCode"/>).</summary>
    public string CreditCode { get; set; } = "";

    public EnterpriseKind Kind { get; set; }
    public string? LegalRepresentative { get; set; }
    public string? Address { get; set; }
    public string? RegionCode { get; set; }
    public string ContactName { get; set; } = "";

    /// <summary>The contact's mobile number, which is also the account's login.</summary>
    public string ContactMobile { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>The departments that use instruments, one a line (each at most 8 characters).</summary>
    public string Departments { get; set; } = "";

    public EnterpriseStatus Status { get; set; }

    /// <summary>The account (user id) the enterprise signs in with.</summary>
    public string? UserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Why the institute returned the registration (shown to the enterprise).</summary>
    public string? ReturnReason { get; set; }

    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedUtc { get; set; }

    public IReadOnlyList<string> DepartmentList => Departments.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public enum EnterpriseKind
{
    Company = 1,
    PublicInstitution = 2,
}

public enum EnterpriseStatus
{
    Pending = 0,
    Active = 1,
    Returned = 2,
    Disabled = 3,
}

public static class EnterpriseLabels
{
    public static string Of(EnterpriseStatus s) => s switch
    {
        EnterpriseStatus.Pending => "待审核",
        EnterpriseStatus.Active => "正常",
        EnterpriseStatus.Returned => "已退回",
        _ => "已停用",
    };

    public static string Of(EnterpriseKind k) => k == EnterpriseKind.PublicInstitution ? "事业单位" : "企业";
}
