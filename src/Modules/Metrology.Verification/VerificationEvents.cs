using Metrology.Core.Enterprises;
using Metrology.Core.Workflows;

namespace Metrology.Verification;

/// <summary>The domain events of reception and verification, for workflows. Correlation: "appointment:{id}".</summary>
public static class VerificationEvents
{
    public const string Received = "InstrumentReceived";
    public const string Submitted = "VerificationSubmitted";
    public const string Approved = "VerificationApproved";
    public const string Returned = "VerificationReturned";
    public const string FeeRecorded = "FeeRecorded";
    public const string FeePaid = "FeePaid";
    public const string Collected = "InstrumentCollected";
    public const string ReadyForCollection = "InstrumentsReadyForCollection";
    public const string DueSoon = "VerificationDueSoon";
    public const string Overdue = "VerificationOverdue";

    /// <summary>The input workflows see for one task (an instrument at the institute).</summary>
    public static object Payload(VerificationTask t, EnterpriseInfo? enterprise, string? reason = null, object? fee = null) => new
    {
        Id = t.Id,
        enterprise = new { name = enterprise?.Name, id = t.EnterpriseId },
        instrument = new { name = t.InstrumentName, serialNumber = t.SerialNumber, modelSpec = t.ModelSpec },
        appointment = new { number = t.AppointmentNumber, id = t.AppointmentId },
        lab = VerificationLabels.Lab(t.Discipline),
        dueDate = VerificationLabels.Date(t.DueDate),
        state = VerificationLabels.Of(t.State),
        conclusion = VerificationLabels.Of(t.Conclusion),
        receptionPoint = t.ReceptionPoint,
        verifier = t.Verifier ?? t.AssignedTo,
        checker = t.Checker,
        approver = t.Approver,
        reason,
        fee,
        ContactMobile = enterprise?.ContactMobile,
        Email = enterprise?.Email,
        Url = $"/admin/verification/{t.Id}",
    };

    /// <summary>The input for an appointment-wide event (fees, ready for collection).</summary>
    public static object AppointmentPayload(AppointmentInfo a, EnterpriseInfo? enterprise, int count, object? fee = null) => new
    {
        Id = a.Id,
        enterprise = new { name = enterprise?.Name, id = a.EnterpriseId },
        appointment = new { number = a.Number, id = a.Id, deliveryNumber = a.DeliveryNumber, count },
        fee,
        ContactMobile = enterprise?.ContactMobile,
        Email = enterprise?.Email,
        Url = $"/admin/reception/{a.Id}",
    };

    public static readonly WorkflowEventField[] TaskFields =
    [
        new("enterprise.name", "企业名称", "肇庆市示例燃气有限公司"),
        new("instrument.name", "器具名称", "膜式燃气表"),
        new("instrument.serialNumber", "出厂编号", "ZQG2023-2201"),
        new("appointment.number", "委托单号", "YJ2026000001"),
        new("lab", "检定室", "力学室"),
        new("dueDate", "规定完成日期", "2026-12-10"),
        new("conclusion", "检定结论", "合格"),
        new("verifier", "检定员", "li"),
        new("reason", "退回原因", "环境温度未记录"),
        new("ContactMobile", "企业联系人手机", "13800000003"),
    ];

    public static readonly WorkflowEventField[] AppointmentFields =
    [
        new("enterprise.name", "企业名称", "重庆示例燃气有限公司"),
        new("appointment.number", "委托单号", "YJ2026000001"),
        new("appointment.deliveryNumber", "自助送检编号", "30285"),
        new("appointment.count", "器具台数", "2"),
        new("fee.item", "费用项目", "修理费"),
        new("fee.amount", "金额（元）", "120.00"),
        new("ContactMobile", "企业联系人手机", "13900000001"),
    ];
}
