using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Metrology.Contents;

/// <summary>
/// The steps of a guide, read from its text so the flow diagram follows the guide as staff edit it:
/// the items of its first numbered list (their bold lead-in, or their first words), or else the parts of a
/// paragraph written as "注册 → 登录 → 备案".
/// </summary>
public static class GuideSteps
{
    private const int MaxLength = 14;

    public static IReadOnlyList<string> From(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        return RenderedText.GetOrMake(new Steps(markdown), markdown.Length, () => Read(markdown), steps => steps.Sum(s => s.Length));
    }

    /// <summary>The cache key of a text's steps (another key than its HTML's).</summary>
    private sealed record Steps(string Markdown);

    private static string[] Read(string markdown)
    {
        var document = Markdown.Parse(markdown);
        var list = document.Descendants<ListBlock>().FirstOrDefault(l => l.IsOrdered);
        if (list is not null)
            return list.OfType<ListItemBlock>().Select(StepOf).Where(s => s.Length > 0).ToArray();
        var arrows = document.Descendants<ParagraphBlock>().Select(TextOf).FirstOrDefault(t => t.Contains('→'));
        if (arrows is null) return [];
        var parts = arrows.Split('→').ToList();
        // "…分为九个环节：企业网上注册 → …": the lead-in before the colon is not a step.
        var colon = parts[0].LastIndexOfAny(['：', ':']);
        if (colon >= 0) parts[0] = parts[0][(colon + 1)..];
        return parts.Select(s => Shorten(s.Split('（', '(')[0].Trim(' ', '。', '.'))).Where(s => s.Length > 0).ToArray();
    }

    private static string StepOf(ListItemBlock item)
    {
        if (item.Descendants<ParagraphBlock>().FirstOrDefault() is not { Inline: { } inline } paragraph) return "";
        var bold = inline.FirstChild as EmphasisInline;
        return Shorten(bold is not null ? string.Concat(bold.Descendants<LiteralInline>().Select(l => l.Content.ToString())) : TextOf(paragraph));
    }

    private static string TextOf(ParagraphBlock paragraph) =>
        paragraph.Inline is null ? "" : string.Concat(paragraph.Inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    private static string Shorten(string text)
    {
        var t = text.Trim().TrimEnd('：', ':');
        return t.Length <= MaxLength ? t : t[..MaxLength] + "…";
    }
}
