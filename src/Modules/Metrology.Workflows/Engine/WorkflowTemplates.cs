using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using HandlebarsDotNet;

namespace Metrology.Workflows.Engine;

/// <summary>
/// Handlebars over a workflow's data. Values are escaped only where the output is HTML; a missing value
/// renders empty. Compiled templates are kept (bounded), as the same settings render again and again.
/// </summary>
public sealed class WorkflowTemplates
{
    private readonly IHandlebars _html = Handlebars.Create(new HandlebarsConfiguration());
    private readonly IHandlebars _text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly ConcurrentDictionary<(string, bool), HandlebarsTemplate<object, object>> _compiled = new();

    public string Render(string? template, JsonObject model, bool html)
    {
        if (string.IsNullOrEmpty(template)) return "";
        if (!template.Contains("{{", StringComparison.Ordinal)) return html ? System.Net.WebUtility.HtmlEncode(template) : template;
        if (_compiled.Count > 1000) _compiled.Clear();
        var compiled = _compiled.GetOrAdd((template, html), k => (k.Item2 ? _html : _text).Compile(k.Item1));
        return compiled(ToPlain(model));
    }

    /// <summary>Checks a template compiles; the message for the designer, else null.</summary>
    public string? Problem(string? template)
    {
        if (string.IsNullOrEmpty(template)) return null;
        try
        {
            _text.Compile(template);
            return null;
        }
        catch (HandlebarsException e)
        {
            return e.Message;
        }
    }

    /// <summary>JSON to dictionaries, lists and primitives, which Handlebars reads by member name.</summary>
    internal static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<decimal>(),
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
