using System.Text.Json;
using System.Text.Json.Nodes;

namespace Metrology.Core.Content;

/// <summary>
/// One version of a content item: its parts and fields as one JSON document, and the columns every
/// query needs. The rows of an item share <see cref="ContentItemId"/>; at most one is
/// <see cref="Latest"/> and at most one is <see cref="Published"/>.
/// </summary>
public sealed class ContentItem
{
    private JsonObject? _content;

    public int Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string? DisplayText { get; set; }

    /// <summary>The URL path of the item on the portal (AutoroutePart), without a leading slash.</summary>
    public string? Path { get; set; }

    public bool Latest { get; set; }
    public bool Published { get; set; }

    /// <summary>1 for the first version, then one more for each version.</summary>
    public int Number { get; set; }

    public string? Owner { get; set; }
    public string? Author { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }

    public string Json
    {
        get => _content?.ToJsonString(JsonOptions) ?? _json;
        set
        {
            _json = value;
            _content = null;
        }
    }

    private string _json = "{}";

    /// <summary>
    /// Serializes the parts into the stored JSON, keeping them parsed. EF reads and writes the backing field, so a row
    /// written without the <see cref="Json"/> setter (a bulk insert) needs this first.
    /// </summary>
    internal void StoreContent()
    {
        if (_content is not null) _json = _content.ToJsonString(JsonOptions);
    }

    /// <summary>The parts and fields: { "TitlePart": { "Title": … }, "Fields": { "Phone": … } }.</summary>
    public JsonObject Content => _content ??= JsonNode.Parse(_json) as JsonObject ?? [];

    public string? Text(string part, string property) => Content[part]?[property]?.GetValue<string>();

    public void SetText(string part, string property, string? value)
    {
        if (Content[part] is not JsonObject obj) Content[part] = obj = [];
        obj[property] = value;
    }

    /// <summary>A field's stored value (a string, number, boolean, or array of strings), or null.</summary>
    public JsonNode? Field(string name) => Content["Fields"]?[name];

    public void SetField(string name, JsonNode? value)
    {
        if (Content["Fields"] is not JsonObject fields) Content["Fields"] = fields = [];
        fields[name] = value;
    }

    public ContentItem CloneVersion() => new()
    {
        ContentItemId = ContentItemId,
        ContentType = ContentType,
        DisplayText = DisplayText,
        Path = Path,
        Owner = Owner,
        CreatedUtc = CreatedUtc,
        Json = Json,
    };

    /// <summary>Chinese is stored as itself (readable, searchable, half the size of \u escapes).</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>What happened to an item, by whom and when.</summary>
public sealed class ContentAuditEntry
{
    public int Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string? ContentItemVersionId { get; set; }
    public string ContentType { get; set; } = "";
    public string Action { get; set; } = "";
    public string? UserName { get; set; }
    public DateTime TimeUtc { get; set; }
}

/// <summary>An old URL path of an item, answered with a redirect to its current one.</summary>
public sealed class ContentRedirect
{
    public string Path { get; set; } = "";
    public string ContentItemId { get; set; } = "";
}
