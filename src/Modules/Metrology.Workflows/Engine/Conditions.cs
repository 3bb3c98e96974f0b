using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Metrology.Workflows.Engine;

/// <summary>
/// A structured condition: clauses on values of the workflow and groups of clauses, all (and) or any (or) of them
/// true — "用途 = 医疗卫生 或者 (驳回数 > 0 并且 检定机构 = …)". No scripting.
/// </summary>
public sealed class Condition
{
    /// <summary>"and" or "or".</summary>
    public string Combine { get; set; } = "and";

    public List<Clause> Clauses { get; set; } = [];

    /// <summary>Groups, each with its own and/or, combined with the clauses by <see cref="Combine"/>.</summary>
    public List<Condition> Groups { get; set; } = [];

    public bool IsEmpty => !Clauses.Any(c => !string.IsNullOrWhiteSpace(c.Path)) && Groups.All(g => g.IsEmpty);

    public bool Evaluate(JsonObject model)
    {
        var parts = Clauses.Where(c => !string.IsNullOrWhiteSpace(c.Path)).Select(c => (Func<bool>)(() => c.Evaluate(model)))
            .Concat(Groups.Where(g => !g.IsEmpty).Select(g => (Func<bool>)(() => g.Evaluate(model)))).ToList();
        if (parts.Count == 0) return true;
        return Combine == "or" ? parts.Any(p => p()) : parts.All(p => p());
    }
}

/// <summary>"input.ContentType eq Filing": a dotted path into input/properties, an operator, a value.</summary>
public sealed class Clause
{
    public static readonly IReadOnlyDictionary<string, string> Operators = new Dictionary<string, string>
    {
        ["eq"] = "等于", ["ne"] = "不等于", ["contains"] = "包含", ["gt"] = "大于", ["ge"] = "大于等于",
        ["lt"] = "小于", ["le"] = "小于等于", ["empty"] = "为空", ["notempty"] = "不为空",
    };

    /// <summary>Operators that compare with no value.</summary>
    public static bool Unary(string op) => op is "empty" or "notempty";

    public string Path { get; set; } = "";
    public string Operator { get; set; } = "eq";
    public string? Value { get; set; }

    public bool Evaluate(JsonObject model)
    {
        var node = Resolve(model, Path);
        // A list of codes (the usages of a filing's instruments) matches when any element does; "not" when none does.
        if (node is JsonArray list && Operator is not ("empty" or "notempty"))
        {
            var elements = list.Select(e => new Clause { Operator = Operator == "ne" ? "eq" : Operator, Value = Value }.Matches(Text(e))).ToList();
            return Operator == "ne" ? !elements.Any(m => m) : elements.Any(m => m);
        }
        if (node is JsonArray empty) return Operator == "empty" ? empty.Count == 0 : empty.Count > 0;
        return Matches(Text(node));
    }

    private bool Matches(string? actual)
    {
        var expected = Value ?? "";
        return Operator switch
        {
            "eq" => Compare(actual, expected) == 0,
            "ne" => Compare(actual, expected) != 0,
            "contains" => actual?.Contains(expected, StringComparison.OrdinalIgnoreCase) == true,
            "gt" => actual is not null && Compare(actual, expected) > 0,
            "ge" => actual is not null && Compare(actual, expected) >= 0,
            "lt" => actual is not null && Compare(actual, expected) < 0,
            "le" => actual is not null && Compare(actual, expected) <= 0,
            "empty" => string.IsNullOrEmpty(actual),
            "notempty" => !string.IsNullOrEmpty(actual),
            _ => false,
        };
    }

    public static JsonNode? Resolve(JsonObject model, string path)
    {
        JsonNode? node = model;
        foreach (var segment in path.Trim().Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o.FirstOrDefault(p => string.Equals(p.Key, segment, StringComparison.OrdinalIgnoreCase)).Value,
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>Numbers compare as numbers, everything else as text.</summary>
    private static int Compare(string? a, string b)
    {
        if (a is null) return b.Length == 0 ? 0 : -1;
        if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
            return x.CompareTo(y);
        return string.Compare(a, b, StringComparison.Ordinal);
    }
}
