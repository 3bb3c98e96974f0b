using Metrology.Core.Notifications;

namespace Metrology.Notifications.Templates;

/// <summary>A kind of notification: one template per kind and tenant, and sample values for the preview.</summary>
public sealed record NotificationKind(string Key, string Name, string Values, IReadOnlyDictionary<string, object?> Sample);

/// <summary>Sample values of the site for previews; the real ones come from the site settings.</summary>
public static class SampleSite
{
    public static Dictionary<string, object?> Data => TemplateEngine.SiteData("肇庆市质量计量监督检测所", "0758-6622655", "肇庆市鼎湖区新城十五区宝鼎路", "service@example.com");
}

/// <summary>The kinds the product sends, with the values each template may use; the keys are <see cref="NotificationKinds"/>.</summary>
public static class NotificationKindCatalog
{
    public static readonly IReadOnlyList<NotificationKind> All =
    [
        new(NotificationKinds.RegistrationApproved, "企业注册通过", "enterprise.name, user.name, loginName, initialPassword",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["user"] = new Dictionary<string, object?> { ["name"] = "张三" }, ["loginName"] = "13800138000", ["initialPassword"] = "30285" }),
        new(NotificationKinds.RegistrationReturned, "企业注册退回", "enterprise.name, reason",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["reason"] = "营业执照未加盖公章" }),
        new(NotificationKinds.FilingResult, "强检备案审核结果", "enterprise.name, filing.number, filing.approved, filing.acceptedCount, filing.rejectedCount, reason",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["filing"] = new Dictionary<string, object?> { ["number"] = "BA2026000123", ["approved"] = true, ["acceptedCount"] = 5, ["rejectedCount"] = 1 }, ["reason"] = "1 台设备出厂编号不全" }),
        new(NotificationKinds.BookingConfirmed, "约检（送检/现场）确认", "enterprise.name, booking.number, booking.mode, booking.date, booking.address, booking.contactPhone",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["booking"] = new Dictionary<string, object?> { ["number"] = "30285", ["mode"] = "送检", ["date"] = "2026-12-01", ["address"] = "肇庆市鼎湖区新城十五区宝鼎路", ["contactPhone"] = "0758-6622655" } }),
        new(NotificationKinds.CertificateIssued, "电子证书已发放", "enterprise.name, certificate.number, instrument.name, instrument.serialNumber, certificate.url",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["certificate"] = new Dictionary<string, object?> { ["number"] = "ZQ2026-0001234", ["url"] = "https://example.com/certificates/ZQ2026-0001234" }, ["instrument"] = new Dictionary<string, object?> { ["name"] = "电子汽车衡", ["serialNumber"] = "50C018824" } }),
        new(NotificationKinds.PaymentDue, "待缴费通知", "enterprise.name, payment.amount, payment.items, payment.deadline",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["payment"] = new Dictionary<string, object?> { ["amount"] = "350.00", ["items"] = "修理费", ["deadline"] = "2026-12-15" } }),
        // One message per enterprise (Metrology.Reminders): the count, the first few instruments as one text, the earliest as instrument.*.
        new(NotificationKinds.ExpiryReminder, "检定有效期到期提醒", "enterprise.name, count, overdueCount, instruments, stage, instrument.name, instrument.serialNumber, instrument.dueDate",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["instrument"] = new Dictionary<string, object?> { ["name"] = "血压计", ["serialNumber"] = "2017081103073", ["dueDate"] = "2026-12-31" }, ["count"] = 3,
                ["overdueCount"] = 1, ["instruments"] = "血压计（出厂编号 2017081103073，有效期至 2026-12-31）、心电图机（出厂编号 ECG-0001，有效期至 2027-01-05）等", ["stage"] = "到期前 30 天" }),
        new(NotificationKinds.PasswordResetCode, "找回密码验证码", "code, minutes",
            new Dictionary<string, object?> { ["code"] = "628451", ["minutes"] = 10 }),
        new(NotificationKinds.ChangeRequestResult, "资料变更审核结果", "enterprise.name, approved, reason",
            new Dictionary<string, object?> { ["enterprise"] = new Dictionary<string, object?> { ["name"] = "肇庆市示例电子有限公司" }, ["approved"] = true, ["reason"] = "" }),
    ];

    public static NotificationKind? Find(string? key) => All.FirstOrDefault(k => k.Key == key);
}
