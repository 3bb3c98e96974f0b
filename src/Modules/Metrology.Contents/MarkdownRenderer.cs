using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Metrology.Contents;

/// <summary>
/// Markdown written by staff, as HTML: raw HTML is not allowed and links go only to web addresses. Links
/// to the site ("/downloads") are written as staff think of them and get the tenant's prefix here.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseAutoLinks().Build();

    public static string ToHtml(string? markdown, string pathBase = "")
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        return RenderedText.GetOrMake((markdown, pathBase), markdown.Length, () => Render(markdown, pathBase), html => html.Length);
    }

    private static string Render(string markdown, string pathBase)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && !IsSafe(url)) link.Url = "#";
            else if (link.Url is { } site && IsSiteRelative(site)) link.Url = pathBase + site;
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(autolink.Url)) autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    private static bool IsSiteRelative(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);

    private static bool IsSafe(string url) =>
        url.StartsWith('/') || url.StartsWith('#') || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
        || !url.Contains(':');
}
