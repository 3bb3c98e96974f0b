using System.Text.Json;
using Metrology.Core.Content;

namespace Metrology.Appointments.Models;

/// <summary>One instrument of an appointment, as it was when it was added.</summary>
public sealed record AppointmentLine
{
    public string InstrumentId { get; init; } = "";
    public string Name { get; init; } = "";
    public string ModelSpec { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public string? OwnNumber { get; init; }
    public string? CatalogCode { get; init; }
    public DateOnly? ValidUntil { get; init; }
}

/// <summary>
/// The typed part of an Appointment item (约检单 / 委托单): one enterprise, one institution, one kind, its lines, and what
/// the institution answered. Stored in the item's JSON as "AppointmentPart"; <see cref="AppointmentIndex"/> and
/// <see cref="AppointmentLineIndex"/> mirror it.
/// </summary>
public sealed record AppointmentPart
{
    public const string Key = "AppointmentPart";

    public int EnterpriseId { get; init; }
    public int InstitutionId { get; init; }
    public AppointmentKind Kind { get; init; }
    public AppointmentState State { get; init; }

    /// <summary>委托单号 YJ + year + sequence.</summary>
    public string Number { get; init; } = "";

    /// <summary>自助送检编号: 5 random digits, unique among the tenant's open appointments.</summary>
    public string? DeliveryNumber { get; init; }

    /// <summary>The lab discipline an on-site booking goes to (from its instruments' catalog items); null = the business office.</summary>
    public string? Discipline { get; init; }

    // On site: where, whom to ask, when the enterprise would like it.
    public string? Address { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? PreferredDates { get; init; }

    // The institution's answer.
    public DateOnly? ConfirmedDate { get; init; }
    public string? TimeWindow { get; init; }
    public string? Verifier { get; init; }
    public string? AnsweredBy { get; init; }
    public string? DeclineReason { get; init; }

    public DateTime? SubmittedUtc { get; init; }
    public DateTime? AnsweredUtc { get; init; }
    public DateTime? CancelledUtc { get; init; }
    public DateTime? ReceivedUtc { get; init; }
    public string? ReceivedBy { get; init; }
    public DateTime? CompletedUtc { get; init; }
    public List<AppointmentLine> Lines { get; init; } = [];

    /// <summary>Open appointments hold their instruments and their delivery number.</summary>
    public bool IsOpen => State is AppointmentState.Draft or AppointmentState.Submitted or AppointmentState.Confirmed;

    /// <summary>Lines may change: a booking before it is submitted, a self-delivery until the counter receives it.</summary>
    public bool IsEditable => State == AppointmentState.Draft || (Kind == AppointmentKind.SelfDelivery && State == AppointmentState.Confirmed);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AppointmentPart Of(ContentItem item) => item.Content[Key]?.Deserialize<AppointmentPart>(Json) ?? new AppointmentPart();

    public void WriteTo(ContentItem item)
    {
        item.Content[Key] = JsonSerializer.SerializeToNode(this, Json);
        item.SetText(ContentParts.Title, "Title", $"{AppointmentLabels.Of(Kind)} {Number}");
    }
}
