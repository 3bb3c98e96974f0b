using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Site;

/// <summary>A page the crawler opened: where, its answer, the page it was linked from, and its visible text (HTML only).</summary>
public sealed record CrawledPage(string Url, HttpStatusCode Status, string From, string? Text, string Prefix);

/// <summary>
/// Follows every link of every back-office (<c>/admin</c>) and enterprise (<c>/my</c>) page a signed-in
/// browser reaches from its start pages. Links that leave those areas are opened but not followed further.
/// A URL shape (numbers and query values taken out) is opened at most <see cref="PerShape"/> times, so a
/// catalog of hundreds of items costs a few requests, not hundreds.
/// </summary>
public static partial class SiteCrawler
{
    private const int PerShape = 3;
    private const int MaxPages = 1500;

    public static async Task<IReadOnlyList<CrawledPage>> CrawlAsync(TestBrowser browser, string prefix, params string[] starts)
    {
        var seen = new HashSet<string>();
        var shapes = new Dictionary<string, int>();
        var queue = new Queue<(string Url, string From)>(starts.Select(s => (prefix + s, "start")));
        var pages = new List<CrawledPage>();
        while (queue.TryDequeue(out var next) && pages.Count < MaxPages)
        {
            if (!seen.Add(next.Url)) continue;
            var shape = Shape(next.Url);
            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            if (shapes[shape] > PerShape) continue;
            using var response = await browser.GetAsync(next.Url);
            var html = response.Content.Headers.ContentType?.MediaType == "text/html";
            var follow = html && (int)response.StatusCode < 400 && InArea(next.Url, prefix);
            IDocument? document = html ? await TestBrowser.ParseAsync(response) : null;
            pages.Add(new(next.Url, response.StatusCode, next.From, document is null ? null : VisibleText(document), prefix));
            if (!follow || document is null) continue;
            foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                if (Local(href, next.Url, prefix) is { } url && !seen.Contains(url)) queue.Enqueue((url, next.Url));
        }
        return pages;
    }

    /// <summary>The words a person reads: text nodes outside scripts, styles and code samples, plus titles and placeholders.</summary>
    public static string VisibleText(IDocument document)
    {
        foreach (var hidden in document.QuerySelectorAll("script, style, code, pre, textarea, [translate=no], noscript, template, [hidden], .visually-hidden-focusable")) hidden.Remove();
        var extra = document.QuerySelectorAll("[placeholder], [title]:not(head title)").SelectMany(e => new[] { e.GetAttribute("placeholder"), e.GetAttribute("title") });
        return document.Title + "\n" + document.Body?.TextContent + "\n" + string.Join("\n", extra.Where(t => t is not null));
    }

    public static bool InArea(string url, string prefix)
    {
        var path = url.Split('?')[0];
        return path == prefix + "/admin" || path.StartsWith(prefix + "/admin/") || path == prefix + "/my" || path.StartsWith(prefix + "/my/");
    }

    private static string? Local(string href, string from, string prefix)
    {
        if (href.StartsWith('#') || href.Contains(':') && !href.StartsWith("http://localhost/")) return null;
        var uri = new Uri(new Uri("http://localhost" + from), href);
        if (uri.Host != "localhost" || !(uri.AbsolutePath == prefix || uri.AbsolutePath.StartsWith(prefix + "/"))) return null;
        return uri.PathAndQuery;
    }

    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var path = Numbers().Replace(parts[0], "{n}");
        var keys = parts.Length > 1 ? string.Join("&", parts[1].Split('&').Select(p => p.Split('=')[0]).Order()) : "";
        return path + "?" + keys;
    }

    [GeneratedRegex(@"(?<=/)[0-9A-Za-z]{20,}|\d+")]
    private static partial Regex Numbers();
}
