using System.Text.Json;
using Metrology.Core.Content;

namespace Metrology.Filings.Models;

public enum FilingState
{
    Draft = 0,
    Submitted = 1,
    Reviewed = 2,
}

public enum LineDecision
{
    Pending = 0,
    Accepted = 1,
    Rejected = 2,
}

/// <summary>
/// One instrument of a filing, with what the review needs (catalog item, usage, method, department, location) as the
/// enterprise completed it, and the institution's decision. The instrument's own record stays in the library.
/// </summary>
public sealed record FilingLine
{
    public string InstrumentId { get; init; } = "";
    public string Name { get; init; } = "";
    public string ModelSpec { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public string? OwnNumber { get; init; }
    public string? CatalogCode { get; init; }
    public int? Usage { get; init; }
    public int? Method { get; init; }
    public string? Department { get; init; }
    public string? Location { get; init; }
    public LineDecision Decision { get; init; }
    public string? Reason { get; init; }
    public string? DecidedBy { get; init; }
    public DateTime? DecidedUtc { get; init; }

    /// <summary>移到设备库: the enterprise took a rejected line back to its library.</summary>
    public bool MovedBack { get; init; }
}

/// <summary>
/// The typed part of a Filing item (备案 / 强检申请): the enterprise, the institution it files with, the address, its
/// lines and where the filing stands. Stored in the item's JSON as "FilingPart"; <see cref="FilingIndex"/> and
/// <see cref="FilingLineIndex"/> mirror it for every list and rule.
/// </summary>
public sealed record FilingPart
{
    public const string Key = "FilingPart";

    public int EnterpriseId { get; init; }
    public string Number { get; init; } = "";
    public int InstitutionId { get; init; }
    public string Address { get; init; } = "";
    public FilingState State { get; init; }
    public DateTime? SubmittedUtc { get; init; }
    public DateTime? ReviewedUtc { get; init; }
    public List<FilingLine> Lines { get; init; } = [];

    public int Accepted => Lines.Count(l => l.Decision == LineDecision.Accepted);
    public int Rejected => Lines.Count(l => l.Decision == LineDecision.Rejected);
    public int Pending => Lines.Count(l => l.Decision == LineDecision.Pending);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FilingPart Of(ContentItem item) => item.Content[Key]?.Deserialize<FilingPart>(Json) ?? new FilingPart();

    public void WriteTo(ContentItem item)
    {
        item.Content[Key] = JsonSerializer.SerializeToNode(this, Json);
        item.SetText(ContentParts.Title, "Title", $"强检申请 {Number}");
    }
}
