using System.Text.RegularExpressions;
using Metrology.Core.Tenants;

namespace Metrology.Core.Content;

/// <summary>Rules of a content item's URL path ("guide/filing"): lower case words, no reserved first segment.</summary>
public static partial class ContentPaths
{
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}_-]*(/[\p{L}\p{N}][\p{L}\p{N}_-]*)*$")]
    private static partial Regex Pattern();

    public static string? Normalize(string? path)
    {
        var p = path?.Trim().Trim('/').ToLowerInvariant();
        return string.IsNullOrEmpty(p) ? null : p;
    }

    public static string? Problem(string path)
    {
        if (path.Length > 200) return "网址不能超过 200 个字符。";
        if (!Pattern().IsMatch(path)) return "网址只能包含文字、数字、连字符和下划线，各级之间用 / 分隔。";
        var first = path.Split('/')[0];
        return TenantValidator.ReservedPrefixes.Contains(first) ? $"网址不能以系统保留的「{first}」开头。" : null;
    }
}
