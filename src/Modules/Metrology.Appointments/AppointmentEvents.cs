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

    /// <summary>The department that confirms: a delivery booking the office with the duty, an on-site one the lab of its discipline.</summary>
    public static DepartmentEntry? Answering(AppointmentPart part, IReadOnlyList<DepartmentEntry> departments)
    {
        var discipline = part.Kind == AppointmentKind.OnSite ? part.Discipline : null;
        return departments.FirstOrDefault(d => d.ConfirmsBookings && d.Discipline == discipline);
    }
}
