using Metrology.Contents.Indexes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages;

/// <summary>Search over the published pages' titles and text (<see cref="ContentSearch"/>).</summary>
[AllowAnonymous]
public sealed class SearchModel(ContentSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<(ContentSearchEntry Entry, string? Excerpt)> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q) || Q.Trim().Length > 50) return;
        var entries = await search.FindAsync(Q, 30, ct);
        // The title, shown as the link, leads the indexed text.
        Results = entries.Select(e => (e, Excerpt(e.Title is { } t && e.Text.StartsWith(t, StringComparison.Ordinal) ? e.Text[t.Length..] : e.Text, Q.Trim()))).ToList();
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
