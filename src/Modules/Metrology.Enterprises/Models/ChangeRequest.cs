namespace Metrology.Enterprises.Models;

/// <summary>
/// 资料变更 (seed 004 FAQ 3): a change of name or legal person (with a new licence or proof), or of the
/// contact (with the licence and a new authorisation letter), reviewed by the institute. On approval the
/// enterprise changes and this record keeps the old values as its history.
/// </summary>
public sealed class ChangeRequest
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public ChangeKind Kind { get; set; }
    public string? NewName { get; set; }
    public string? NewLegalRepresentative { get; set; }
    public string? NewContactName { get; set; }
    public string? NewContactMobile { get; set; }
    public ChangeStatus Status { get; set; }
    public string? Reason { get; set; }

    /// <summary>What the enterprise had before an approved change: "单位名称：旧名称" lines.</summary>
    public string? OldValues { get; set; }

    public DateTime CreatedUtc { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedUtc { get; set; }
}

public enum ChangeKind
{
    NameOrLegalPerson = 1,
    Contact = 2,
}

public enum ChangeStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

public static class ChangeLabels
{
    public static string Of(ChangeKind k) => k == ChangeKind.Contact ? "联系人变更" : "单位名称或法人变更";

    public static string Of(ChangeStatus s) => s switch { ChangeStatus.Pending => "待审核", ChangeStatus.Approved => "已通过", _ => "未通过" };
}
