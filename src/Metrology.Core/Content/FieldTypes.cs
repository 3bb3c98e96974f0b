using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Metrology.Core.Content;

/// <summary>
/// The field types: how a value typed in a form becomes the stored JSON value, and the message a
/// user gets at the field when it is wrong.
/// </summary>
public static partial class FieldTypes
{
    public const string Text = "Text";
    public const string Markdown = "Markdown";
    public const string Number = "Number";
    public const string Boolean = "Boolean";
    public const string Date = "Date";
    public const string DateTime = "DateTime";
    public const string Enumeration = "Enumeration";
    public const string Link = "Link";
    public const string Phone = "Phone";
    public const string Media = "Media";
    public const string ContentPicker = "ContentPicker";

    /// <summary>Several values of a field travel through a form as lines of one text.</summary>
    public const char Separator = '\n';

    /// <summary>What a media field accepts when its definition names nothing.</summary>
    public static readonly IReadOnlyList<string> DefaultMediaExtensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".docx", ".xlsx"];

    public const int DefaultMediaKilobytes = 10 * 1024;

    public static readonly IReadOnlyList<(string Name, string DisplayName)> All =
    [
        (Text, "文本"), (Markdown, "Markdown 文本"), (Number, "数字"), (Boolean, "是/否"), (Date, "日期"),
        (DateTime, "日期时间"), (Enumeration, "枚举（代码 → 名称）"), (Link, "链接"), (Phone, "电话"), (Media, "文件 / 图片"),
        (ContentPicker, "内容选择（引用其他内容）"),
    ];

    public static string? Find(string type) => All.Select(t => t.Name).FirstOrDefault(t => t == type);

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$")]
    private static partial Regex PhonePattern();

    /// <summary>Turns the form's text into the stored value; on a problem returns the message and no value.</summary>
    public static (JsonNode? Value, string? Error) Parse(ContentFieldDefinition field, string? raw)
    {
        var text = raw?.Trim();
        if (field.Type == Boolean) return (JsonValue.Create(text is "true" or "on"), null);
        if (string.IsNullOrEmpty(text))
            return field.Required ? (null, $"请{(field.Type is Media or ContentPicker or Enumeration ? "选择" : "填写")}「{field.DisplayName}」。") : (null, null);
        if (field.Type is Media or ContentPicker && (field.Multiple || field.Type == ContentPicker)) return ParseList(field, text);
        return field.Type switch
        {
            Text or Markdown => ParseText(field, raw!.Replace("\r\n", "\n")),
            Number => ParseNumber(field, text),
            Date => System.DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? (JsonValue.Create(text), null)
                : (null, $"「{field.DisplayName}」应为 yyyy-mm-dd 格式的日期。"),
            DateTime => System.DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
                ? (JsonValue.Create(dt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)), null)
                : (null, $"「{field.DisplayName}」应为日期和时间，如 2026-01-31 09:30。"),
            Enumeration => field.Options.Any(o => o.Code == text)
                ? (JsonValue.Create(text), null)
                : (null, $"「{field.DisplayName}」只能选 {string.Join("、", field.Options.Select(o => $"{o.Code} {o.Label}"))}。"),
            Link => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" || text.StartsWith('/')
                ? (JsonValue.Create(text), null)
                : (null, $"「{field.DisplayName}」应为以 http:// 或 https:// 开头的网址，或以 / 开头的站内地址。"),
            Media => text.Contains("..", StringComparison.Ordinal)
                ? (null, $"「{field.DisplayName}」的文件路径无效。")
                : (JsonValue.Create(text), null),
            Phone => PhonePattern().IsMatch(text)
                ? (JsonValue.Create(text), null)
                : (null, $"「{field.DisplayName}」应为手机号（11 位）或固定电话（如 0758-6622655）。"),
            _ => (null, $"未知的字段类型「{field.Type}」。"),
        };
    }

    /// <summary>A picker stores an array of item ids, a multiple media field an array of paths.</summary>
    private static (JsonNode?, string?) ParseList(ContentFieldDefinition field, string text)
    {
        var values = text.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (!field.Multiple && values.Count > 1) return (null, $"「{field.DisplayName}」只能选一项。");
        if (field.Type == Media && values.Any(v => v.Contains("..", StringComparison.Ordinal))) return (null, $"「{field.DisplayName}」的文件路径无效。");
        if (field.Type == ContentPicker && values.Any(v => v.Length > 32 || !v.All(char.IsAsciiLetterOrDigit))) return (null, $"「{field.DisplayName}」选择的内容无效。");
        return (new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()), null);
    }

    /// <summary>The values of a field that holds several (a picker's ids, a multiple media field's paths).</summary>
    public static IReadOnlyList<string> Values(JsonNode? value) => value switch
    {
        JsonArray a => a.Select(v => v is JsonValue x && x.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => [s],
        _ => [],
    };

    private static (JsonNode?, string?) ParseText(ContentFieldDefinition field, string text)
    {
        if (field.MaxLength is int max && text.Length > max)
            return (null, $"「{field.DisplayName}」不能超过 {max} 个字符（当前 {text.Length} 个）。");
        if (field.Pattern is { Length: > 0 } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
            return (null, field.PatternMessage ?? $"「{field.DisplayName}」的格式不正确。");
        return (JsonValue.Create(text), null);
    }

    private static (JsonNode?, string?) ParseNumber(ContentFieldDefinition field, string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
            return (null, $"「{field.DisplayName}」应为数字。");
        if (decimal.Round(n, field.Decimals) != n)
            return (null, field.Decimals == 0 ? $"「{field.DisplayName}」应为整数。" : $"「{field.DisplayName}」最多 {field.Decimals} 位小数。");
        if (field.Min is decimal min && n < min) return (null, $"「{field.DisplayName}」不能小于 {min}。");
        if (field.Max is decimal max && n > max) return (null, $"「{field.DisplayName}」不能大于 {max}。");
        return (JsonValue.Create(n), null);
    }

    /// <summary>The stored value as the editor shows it.</summary>
    public static string? ToText(ContentFieldDefinition field, JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when field.Type == Number && v.TryGetValue<decimal>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when field.Type == Boolean && v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray => string.Join(Separator, Values(value)),
        _ => value.ToJsonString(),
    };

    /// <summary>The stored value as a reader sees it (an enumeration's label, 是/否).</summary>
    public static string? Display(ContentFieldDefinition field, JsonNode? value)
    {
        var text = ToText(field, value);
        if (text is null) return null;
        return field.Type switch
        {
            Boolean => text == "true" ? "是" : "否",
            Enumeration => field.Options.FirstOrDefault(o => o.Code == text)?.Label ?? text,
            ContentPicker => null, // ids: the page shows the picked items' titles (ContentView)
            DateTime => text.Replace('T', ' '),
            _ => text,
        };
    }
}
