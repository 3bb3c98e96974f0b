using Metrology.Core.Enterprises;
using Metrology.Core.Workflows;
using Metrology.Filings.Models;

namespace Metrology.Filings;

/// <summary>The domain events of filing, for workflows (who is told, what is sent). Correlation: "filing:{id}".</summary>
public static class FilingEvents
{
    public const string Submitted = "FilingSubmitted";
    public const string LineDecided = "FilingLineDecided";
    public const string Reviewed = "FilingReviewed";

    /// <summary>The input workflows see; the SMS template of kind FilingResult reads enterprise.name, filing.*, reason.</summary>
    public static object Payload(EnterpriseInfo enterprise, FilingPart filing, string institution, string id, string? reason = null) => new
    {
        Id = id,
        enterprise = new { name = enterprise.Name, id = enterprise.Id },
        filing = new
        {
            number = filing.Number,
            institution,
            lineCount = filing.Lines.Count,
            acceptedCount = filing.Accepted,
            rejectedCount = filing.Rejected,
            approved = filing.Accepted > 0,
            usages = filing.Lines.Where(l => l.Usage is not null).Select(l => l.Usage!.Value).Distinct().Order().ToArray(),
        },
        reason = reason ?? string.Join("；", filing.Lines.Where(l => l.Decision == LineDecision.Rejected).Select(l => $"{l.Name} {l.SerialNumber}：{l.Reason}").Distinct()),
        ContactMobile = enterprise.ContactMobile,
        Email = enterprise.Email,
        Url = $"/admin/filings/{id}",
    };

    private static readonly WorkflowFieldOption[] UsageCodes = [.. FilingLabels.Usages.Select(u => new WorkflowFieldOption(u.Code.ToString(), u.Label))];
    private static readonly WorkflowFieldOption[] YesNo = [new("true", "是"), new("false", "否")];

    /// <summary>The payload of <see cref="Submitted"/> and <see cref="Reviewed"/>, as the designer offers it.</summary>
    public static readonly WorkflowEventField[] FilingFields =
    [
        new("enterprise.name", "企业名称", "肇庆市示例电子有限公司"),
        new("filing.number", "申请编号", "BA2026000123"),
        new("filing.institution", "检定机构", "肇庆市质量计量监督检测所"),
        new("filing.usages", "器具用途", "2", UsageCodes),
        new("filing.lineCount", "器具台数", "6"),
        new("filing.acceptedCount", "受理数", "5"),
        new("filing.rejectedCount", "驳回数", "1"),
        new("filing.approved", "是否有受理的器具", "true", YesNo),
        new("reason", "驳回原因", "1 台设备出厂编号不全"),
        new("ContactMobile", "企业联系人手机", "13800138000"),
        new("Email", "企业邮箱", "service@example.com"),
        new("Url", "申请的后台链接", "/admin/filings/demo"),
    ];

    /// <summary>The payload of <see cref="LineDecided"/>.</summary>
    public static readonly WorkflowEventField[] LineFields =
    [
        new("enterprise.name", "企业名称", "肇庆市示例电子有限公司"),
        new("Name", "器具名称", "电子汽车衡"),
        new("SerialNumber", "出厂编号", "50C018824"),
        new("Usage", "器具用途", "2", UsageCodes),
        new("accepted", "是否受理", "true", YesNo),
        new("reason", "驳回原因", "出厂编号不全"),
    ];
}
