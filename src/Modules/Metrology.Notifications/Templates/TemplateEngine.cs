using System.Collections.Concurrent;
using System.Text.Json;
using HandlebarsDotNet;

namespace Metrology.Notifications.Templates;

/// <summary>
/// Handlebars for staff-edited texts. Plain text (SMS, subjects, gateway requests) is written as is, so
/// Chinese and punctuation stay untouched; HTML (e-mail bodies) escapes every value. A value the model
/// does not have renders empty. A model is an object, nested dictionaries, or JSON (<c>JsonElement</c>,
/// <c>JsonNode</c>). Helpers for gateway requests: <c>{{json x}}</c> (a JSON string
/// literal) and <c>{{url x}}</c> (percent-encoded). The tenant's own values are data variables:
/// <c>{{@site.name}}</c>, <c>{{@site.phone}}</c>, <c>{{@site.address}}</c>, <c>{{@site.email}}</c>.
/// </summary>
public sealed class TemplateEngine
{
    private const int CacheLimit = 500;
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IHandlebars _text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly IHandlebars _html = Handlebars.Create();
    private readonly ConcurrentDictionary<(bool Html, string Template), HandlebarsTemplate<object, object>> _compiled = new();

    public TemplateEngine()
    {
        _text.RegisterHelper("json", (EncodedTextWriter w, Context _, Arguments a) => w.WriteSafeString(JsonSerializer.Serialize(First(a), Json)));
        _text.RegisterHelper("url", (EncodedTextWriter w, Context _, Arguments a) => w.WriteSafeString(Uri.EscapeDataString(First(a))));
    }

    /// <summary>The data variables of a tenant (<c>@site</c>).</summary>
    public static Dictionary<string, object?> SiteData(string? name, string? phone, string? address, string? email) => new()
    {
        ["site"] = new Dictionary<string, object?> { ["name"] = name, ["phone"] = phone, ["address"] = address, ["email"] = email },
    };

    private static string First(Arguments a) => a.Length > 0 ? a[0]?.ToString() ?? "" : "";

    /// <exception cref="NotificationException">The template does not compile or cannot be applied.</exception>
    public string Text(string? template, object? model, object? data = null) => Render(false, template, model, data);

    /// <exception cref="NotificationException">The template does not compile or cannot be applied.</exception>
    public string Html(string? template, object? model, object? data = null) => Render(true, template, model, data);

    private string Render(bool html, string? template, object? model, object? data)
    {
        if (string.IsNullOrEmpty(template)) return "";
        try
        {
            if (!_compiled.TryGetValue((html, template), out var compiled))
            {
                compiled = (html ? _html : _text).Compile(template);
                if (_compiled.Count >= CacheLimit) _compiled.Clear();
                _compiled.TryAdd((html, template), compiled);
            }
            return compiled(TemplateModel.From(model) ?? new object(), data);
        }
        catch (HandlebarsException e)
        {
            throw new NotificationException($"模板有误：{e.Message}", e);
        }
    }
}
