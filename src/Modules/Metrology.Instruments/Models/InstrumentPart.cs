using System.Text.Json;
using System.Text.Json.Nodes;
using Metrology.Core.Content;

namespace Metrology.Instruments.Models;

/// <summary>
/// The typed part of an Instrument item: the fields of the Guangdong template (DOMAIN.md) and the status
/// the process sets. Stored in the item's JSON as "InstrumentPart"; <see cref="InstrumentIndex"/> mirrors it.
/// </summary>
public sealed record InstrumentPart
{
    public const string Key = "InstrumentPart";

    public int EnterpriseId { get; init; }
    public string Name { get; init; } = "";
    public string ModelSpec { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public string? OwnNumber { get; init; }
    public string? Manufacturer { get; init; }
    public int? Origin { get; init; }
    public int? State { get; init; }
    public int? Usage { get; init; }
    public int? Kind { get; init; }
    public int? Method { get; init; }
    public string? RegionCode { get; init; }
    public string? CatalogCode { get; init; }
    public string? Department { get; init; }
    public string? Location { get; init; }
    public string? MeasuringRange { get; init; }
    public string? Accuracy { get; init; }
    public DateOnly? ManufactureDate { get; init; }
    public DateOnly? LastVerificationDate { get; init; }
    public DateOnly? ValidUntil { get; init; }

    /// <summary>强检: set when the filing is accepted, cleared on re-activation.</summary>
    public bool Mandatory { get; init; }

    public FilingStatus FilingStatus { get; init; }
    public int? FilingInstitutionId { get; init; }

    /// <summary>The day the filing institution accepted it.</summary>
    public DateOnly? FiledOn { get; init; }

    /// <summary>Was ever filed: such an instrument has history and is deactivated, never deleted.</summary>
    public bool EverFiled { get; init; }

    /// <summary>False in the deactivated list (停用库).</summary>
    public bool Active { get; init; } = true;

    /// <summary>Category and usage are the filing's once it is submitted, and stay so after a rejection: they are corrected in a new draft (seed 000 §3.2, §3.4).</summary>
    public bool CategoryLocked => FilingStatus is not FilingStatus.NotFiled;

    public bool Deletable => FilingStatus == FilingStatus.NotFiled && !EverFiled;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static InstrumentPart Of(ContentItem item) =>
        item.Content[Key]?.Deserialize<InstrumentPart>(Json) ?? new InstrumentPart();

    public void WriteTo(ContentItem item)
    {
        item.Content[Key] = JsonSerializer.SerializeToNode(this, Json);
        item.SetText(ContentParts.Title, "Title", Name);
    }
}
