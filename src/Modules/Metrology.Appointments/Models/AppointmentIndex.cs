namespace Metrology.Appointments.Models;

/// <summary>One row per appointment, kept in the save's transaction: the lists, queues, calendar and counts read this.</summary>
public sealed class AppointmentIndex
{
    public string ContentItemId { get; set; } = "";
    public int EnterpriseId { get; set; }
    public int InstitutionId { get; set; }
    public AppointmentKind Kind { get; set; }
    public AppointmentState State { get; set; }
    public string Number { get; set; } = "";

    /// <summary>The delivery number while the appointment is open, else null: unique where not null, so two open appointments never share one.</summary>
    public string? OpenDeliveryNumber { get; set; }

    public string? DeliveryNumber { get; set; }
    public string? Discipline { get; set; }
    public int LineCount { get; set; }
    public DateOnly? ConfirmedDate { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? SubmittedUtc { get; set; }
}

/// <summary>One row per line; <see cref="Open"/> is unique per instrument, so an instrument is in at most one open appointment even when two saves race.</summary>
public sealed class AppointmentLineIndex
{
    public int Id { get; set; }
    public string AppointmentId { get; set; } = "";
    public string InstrumentId { get; set; } = "";
    public string? SerialNumber { get; set; }
    public int EnterpriseId { get; set; }
    public bool Open { get; set; }
}

/// <summary>
/// How a tenant books (tenant document, set by the <c>AppointmentSettings</c> recipe step): the kinds it offers, and the booking
/// window of seed 004 §一 3 (5): within <see cref="DaysAfterFiling"/> days after the filing was accepted or within
/// <see cref="MonthsBeforeDue"/> months before valid-until; outside it the instrument must be filed again.
/// </summary>
public sealed record AppointmentSettings
{
    public List<AppointmentKind> Kinds { get; init; } = [AppointmentKind.SelfDelivery, AppointmentKind.OnSite];
    public bool WindowEnabled { get; init; }
    public int DaysAfterFiling { get; init; } = 10;
    public int MonthsBeforeDue { get; init; } = 1;

    /// <summary>The window where it applies, else null.</summary>
    public Metrology.Core.Instruments.BookingWindow? Window => WindowEnabled ? new(DaysAfterFiling, MonthsBeforeDue) : null;
}
