using System.Globalization;
using System.Text.Json;

namespace Metrology.Core.Recipes;

public static class RecipeJson
{
    public static IEnumerable<JsonElement> Array(JsonElement step, string name) =>
        step.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : throw new RecipeStepException($"缺少 {name} 数组。");

    /// <summary>A property as text (numbers and arrays of numbers too: "1,4"), or null.</summary>
    public static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetInt32().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetInt32().ToString(CultureInfo.InvariantCulture) : v.GetString())),
            _ => null,
        };
    }

    public static IReadOnlyList<string> List(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString() ?? "").ToList()
            : [];
}
