namespace Metrology.Instruments.Models;

/// <summary>
/// One row per instrument, kept with its item in the same transaction: every list, filter, sort and the
/// duplicate rule read this table, never the JSON.
/// </summary>
public sealed class InstrumentIndex
{
    public string ContentItemId { get; set; } = "";
    public int EnterpriseId { get; set; }
    public string Name { get; set; } = "";
    public string ModelSpec { get; set; } = "";
    public string SerialNumber { get; set; } = "";
    public string? OwnNumber { get; set; }
    public string? Manufacturer { get; set; }
    public string? CatalogCode { get; set; }
    public string? RegionCode { get; set; }
    public string? Department { get; set; }
    public string? Location { get; set; }
    public int? Usage { get; set; }
    public int? Method { get; set; }
    public bool Mandatory { get; set; }
    public FilingStatus FilingStatus { get; set; }
    public int? FilingInstitutionId { get; set; }
    public DateOnly? FiledOn { get; set; }
    public bool Active { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Name, model/spec, serial number and own number, normalised and hashed: unique per enterprise.</summary>
    public string IdentityKey { get; set; } = "";
}
