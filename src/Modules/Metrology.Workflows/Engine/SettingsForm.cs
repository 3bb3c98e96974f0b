using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Http;

namespace Metrology.Workflows.Engine;

/// <summary>One input of an activity's settings form, read from its settings class.</summary>
public sealed record SettingsField(string Name, string Label, string Kind, string? Value, Condition? Condition, bool Required, bool IsTemplate, string? Options = null)
{
    /// <summary>A list's values one by one.</summary>
    public IReadOnlyList<string> Values => Value?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

/// <summary>
/// The designer's form for any activity's typed settings: one input per property of its settings class
/// (text, multi-line, yes/no, number, a list one per line, or a structured condition).
/// </summary>
public static class SettingsForm
{
    public const string Prefix = "S.";

    public static IReadOnlyList<SettingsField> Fields(WorkflowActivity kind, ActivityRecord activity)
    {
        var settings = kind.SettingsOf(activity);
        // A base class's settings first (recipients before the message text).
        return kind.SettingsType.GetProperties().Where(p => p.CanWrite).OrderBy(p => p.DeclaringType == kind.SettingsType ? 1 : 0).Select(p =>
        {
            var value = p.GetValue(settings);
            var label = p.GetCustomAttribute<DisplayAttribute>()?.Name ?? p.Name;
            var required = p.GetCustomAttribute<RequiredAttribute>() is not null;
            var template = p.GetCustomAttribute<TemplateAttribute>() is not null;
            var options = p.GetCustomAttribute<OptionsAttribute>()?.Source;
            return KindOf(p) switch
            {
                "condition" => new SettingsField(p.Name, label, "condition", null, (Condition?)value ?? new(), required, template),
                "list" => new SettingsField(p.Name, label, "list", string.Join('\n', ((IEnumerable?)value ?? Array.Empty<string>()).Cast<object>()), null, required, template, options),
                "bool" => new SettingsField(p.Name, label, "bool", value is true ? "true" : null, null, required, template),
                var k => new SettingsField(p.Name, label, k, value?.ToString(), null, required, template, options),
            };
        }).ToList();
    }

    public static JsonObject Parse(WorkflowActivity kind, IFormCollection form)
    {
        var result = new JsonObject();
        foreach (var p in kind.SettingsType.GetProperties().Where(p => p.CanWrite))
        {
            var key = Prefix + p.Name;
            switch (KindOf(p))
            {
                case "condition":
                    var condition = ParseCondition(form, key);
                    for (var g = 0; g < 10 && form.ContainsKey($"{key}.Groups[{g}].Combine"); g++)
                        if (ParseCondition(form, $"{key}.Groups[{g}]") is { IsEmpty: false } group) condition.Groups.Add(group);
                    result[p.Name] = JsonSerializer.SerializeToNode(condition, WorkflowJson.Options);
                    break;
                case "list":
                    // One value per checkbox, or one text box with a value per line.
                    result[p.Name] = new JsonArray(form[key].SelectMany(v => (v ?? "").Split(['\n', '\r', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        .Distinct().Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
                    break;
                case "bool":
                    result[p.Name] = form[key].Contains("true");
                    break;
                case "number":
                    result[p.Name] = int.TryParse(form[key], out var n) ? n : null;
                    break;
                default:
                    var text = ((string?)form[key])?.Trim();
                    result[p.Name] = string.IsNullOrEmpty(text) ? null : text;
                    break;
            }
        }
        return result;
    }

    /// <summary>Rows of field, operator and value posted under one prefix; rows without a field are left out.</summary>
    private static Condition ParseCondition(IFormCollection form, string key)
    {
        var paths = form[key + ".Path"];
        var operators = form[key + ".Operator"];
        var values = form[key + ".Value"];
        var condition = new Condition { Combine = form[key + ".Combine"] == "or" ? "or" : "and" };
        for (var i = 0; i < paths.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(paths[i])) continue;
            var op = i < operators.Count ? operators[i] ?? "eq" : "eq";
            condition.Clauses.Add(new Clause { Path = paths[i]!.Trim(), Operator = op, Value = Clause.Unary(op) || i >= values.Count ? null : values[i] });
        }
        return condition;
    }

    private static string KindOf(PropertyInfo p) => p.PropertyType switch
    {
        var t when t == typeof(Condition) => "condition",
        var t when t == typeof(bool) => "bool",
        var t when t == typeof(int) || t == typeof(int?) => "number",
        var t when t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t) => "list",
        _ when p.GetCustomAttribute<MultilineAttribute>() is not null => "multiline",
        _ => "text",
    };
}
