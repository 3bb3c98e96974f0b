using Metrology.Core.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages;

/// <summary>
/// Search over the published pages' titles and text. A substring match: Chinese has no spaces between
/// words, which SQLite FTS5 and PostgreSQL's "simple" text search would need (see ADR 0004).
/// </summary>
[AllowAnonymous]
public sealed class SearchModel(ContentManager contents) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<(ContentItem Item, string? Excerpt)> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q) || Q.Trim().Length > 50) return;
        var items = await contents.SearchAsync(Q, 30, ct);
        Results = items.Select(i => (i, Excerpt(i.Text(ContentParts.MarkdownBody, "Markdown"), Q.Trim()))).ToList();
    }

    private static string? Excerpt(string? text, string q)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var plain = text.Replace("*", "").Replace("#", "").Replace("\n", " ");
        var at = plain.IndexOf(q, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 40);
        return (start > 0 ? "…" : "") + plain.Substring(start, Math.Min(120, plain.Length - start)) + "…";
    }
}
