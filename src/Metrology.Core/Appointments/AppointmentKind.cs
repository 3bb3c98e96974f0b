namespace Metrology.Core.Appointments;

/// <summary>How the instruments reach the verifier (seed 000 §四 4.1–4.2, seed 004 §一 3 (5)–(7)).</summary>
public enum AppointmentKind
{
    /// <summary>自助送检 (Chongqing): a 5-digit number at once, the enterprise brings the instruments to the counter.</summary>
    SelfDelivery = 1,

    /// <summary>预约送检 (Guangdong): the business office confirms a delivery date.</summary>
    BookedDelivery = 2,

    /// <summary>预约现场检定: the lab of the instruments' discipline confirms a date, a time window and the verifier.</summary>
    OnSite = 3,
}

public enum AppointmentState
{
    /// <summary>草稿: a booking not yet submitted.</summary>
    Draft = 0,

    /// <summary>待确认: waits for the institution.</summary>
    Submitted = 1,

    /// <summary>已确认 (a self-delivery is confirmed from the start: its number is the confirmation).</summary>
    Confirmed = 2,

    Declined = 3,
    Cancelled = 4,

    /// <summary>已接收: the counter or the verifier took it over (set by reception through <see cref="IAppointmentRecords"/>).</summary>
    Received = 5,

    /// <summary>已完成: every received instrument verified and, for a delivery, collected.</summary>
    Completed = 6,
}
