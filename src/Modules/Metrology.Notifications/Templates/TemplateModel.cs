using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Metrology.Notifications.Templates;

/// <summary>
/// Handlebars reads objects and dictionaries, not JSON DOMs. Content items and workflow state are JSON,
/// so a <see cref="JsonElement"/> or <see cref="JsonNode"/> model is turned into nested dictionaries first.
/// </summary>
internal static class TemplateModel
{
    public static object? From(object? model) => model switch
    {
        JsonElement element => FromElement(element),
        JsonNode node => FromElement(JsonSerializer.SerializeToElement(node)),
        _ => model,
    };

    private static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromElement(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var n) ? n : element.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
