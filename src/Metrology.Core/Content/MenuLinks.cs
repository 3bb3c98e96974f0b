using System.Text.Json.Nodes;

namespace Metrology.Core.Content;

/// <summary>A link of a MenuPart: the text shown and a tenant-relative path ("/guide") or a web address.</summary>
public sealed record MenuLink(string Text, string Url);

/// <summary>Reads, writes and checks the links a MenuPart stores as { "MenuPart": { "Links": [ { "Text", "Url" } ] } }.</summary>
public static class MenuLinks
{
    public static IReadOnlyList<MenuLink> Of(ContentItem item) =>
        item.Content[ContentParts.Menu]?["Links"] is JsonArray links
            ? links.Select(l => new MenuLink(Str(l?["Text"]), Str(l?["Url"]))).Where(l => l.Text.Length > 0 || l.Url.Length > 0).ToList()
            : [];

    public static void Set(ContentItem item, IEnumerable<MenuLink> links) =>
        item.Content[ContentParts.Menu] = new JsonObject
        {
            ["Links"] = new JsonArray(links.Select(l => (JsonNode?)new JsonObject { ["Text"] = l.Text.Trim(), ["Url"] = l.Url.Trim() }).ToArray()),
        };

    /// <summary>The first problem of the links, said of the row it is in.</summary>
    public static string? Problem(IReadOnlyList<MenuLink> links)
    {
        for (var i = 0; i < links.Count; i++)
        {
            var (text, url) = (links[i].Text.Trim(), links[i].Url.Trim());
            if (text.Length == 0) return $"导航第 {i + 1} 行：请填写显示文字。";
            if (text.Length > 20) return $"导航第 {i + 1} 行：显示文字不能超过 20 个字符。";
            if (!(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
                && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                return $"导航第 {i + 1} 行：链接应为站内地址（如 /guide）或以 http:// 、https:// 开头的网址。";
        }
        return links.Count > 30 ? "导航最多 30 项。" : null;
    }

    private static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
