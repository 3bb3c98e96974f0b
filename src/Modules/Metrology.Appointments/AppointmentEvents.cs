using Metrology.Core.Workflows;
using Metrology.Appointments.Models;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;

namespace Metrology.Appointments;

/// <summary>The domain events of booking, for workflows (who is told, what is sent). Correlation: "appointment:{id}".</summary>
public static class AppointmentEvents
{
    public const string Submitted = "AppointmentSubmitted";
    public const string Confirmed = "AppointmentConfirmed";
    public const string Declined = "AppointmentDeclined";
    public const string Cancelled = "AppointmentCancelled";

    /// <summary>
    /// The input workflows see. The SMS template of kind BookingConfirmed reads enterprise.name and booking.mode / number /
    /// date / address / contactPhone; <c>department</c> is the lab or office that answers (its role has the same name in the recipes).
    /// </summary>
    public static object Payload(EnterpriseInfo enterprise, AppointmentPart part, string id, InstitutionEntry? institution,
        IReadOnlyList<DepartmentEntry> departments, string? reason)
    {
        var department = Answering(part, departments);
        return new
        {
            Id = id,
            enterprise = new { name = enterprise.Name, id = enterprise.Id },
            booking = new
            {
                mode = AppointmentLabels.Of(part.Kind),
                number = part.DeliveryNumber ?? part.Number,
                appointmentNumber = part.Number,
                date = AppointmentLabels.Date(part.ConfirmedDate),
                timeWindow = part.TimeWindow,
                verifier = part.Verifier,
                address = part.Kind == AppointmentKind.OnSite ? part.Address : institution?.Addresses?.Split('\n')[0],
                contactPhone = department?.Phones ?? institution?.Phone,
                institution = institution?.Name,
                lineCount = part.Lines.Count,
            },
            department = department?.Name ?? AppointmentLabels.Lab(part.Kind == AppointmentKind.OnSite ? part.Discipline : null),
            reason = reason ?? part.DeclineReason,
            ContactMobile = enterprise.ContactMobile,
            Email = enterprise.Email,
            Url = $"/admin/appointments/{id}",
        };
    }

    /// <summary>The data workflows may use (offered in the designer with these Chinese labels).</summary>
    public static readonly WorkflowEventField[] Fields =
    [
        new("enterprise.name", "企业名称", "肇庆市示例燃气有限公司"),
        new("booking.mode", "约检方式", "预约现场检定"),
        new("booking.number", "约检编号", "30285"),
        new("booking.date", "确认日期", "2026-12-01"),
        new("booking.institution", "检定机构", "肇庆市质量计量监督检测所"),
        new("booking.lineCount", "器具台数", "2"),
        new("department", "负责部门", "强检室"),
        new("reason", "原因", "当日人员已满，请改约"),
        new("ContactMobile", "企业联系人手机", "13800000003"),
    ];

    /// <summary>The department that confirms: a delivery booking the office with the duty, an on-site one the lab of its discipline.</summary>
    public static DepartmentEntry? Answering(AppointmentPart part, IReadOnlyList<DepartmentEntry> departments)
    {
        var discipline = part.Kind == AppointmentKind.OnSite ? part.Discipline : null;
        return departments.FirstOrDefault(d => d.ConfirmsBookings && d.Discipline == discipline);
    }
}
