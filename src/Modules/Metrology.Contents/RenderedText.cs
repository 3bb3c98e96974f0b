using Microsoft.Extensions.Caching.Memory;

namespace Metrology.Contents;

/// <summary>
/// What is made from a content item's Markdown (its HTML, a guide's steps) depends on the text alone, and a page shows the
/// same text to every visitor: made once and kept, keyed by the text itself (never stale: an edited text is another
/// key). Bounded by the characters kept; the least recently used go first. Parsing a guide twice per render was an
/// eighth of an uncached guide page's CPU, and signed-in visitors are never served from the output cache
/// (docs/performance.md, seventeenth pass).
/// </summary>
internal static class RenderedText
{
    /// <summary>Characters of text and result kept, across tenants (≈ 16 MB as UTF-16).</summary>
    private const long Capacity = 8 * 1024 * 1024;

    private static readonly MemoryCache Entries = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    /// <summary>The value kept for <paramref name="key"/> (which holds the text), else <paramref name="make"/>'s, kept.</summary>
    public static T GetOrMake<T>(object key, int textLength, Func<T> make, Func<T, int> resultLength)
    {
        if (Entries.TryGetValue(key, out T? kept)) return kept!;
        var made = make();
        Entries.Set(key, made, new MemoryCacheEntryOptions { Size = textLength + resultLength(made), SlidingExpiration = TimeSpan.FromHours(1) });
        return made;
    }
}
