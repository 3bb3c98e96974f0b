using System.Text.RegularExpressions;

namespace Metrology.Core.Tenants;

/// <summary>The rules a tenant's name, prefix and host names must keep, with the messages users see.</summary>
public static partial class TenantValidator
{
    /// <summary>First path segments the host itself uses; a tenant prefix may not capture them.</summary>
    public static readonly IReadOnlySet<string> ReservedPrefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "setup", "login", "logout", "account", "api", "health", "error", "site", "_content", "_framework", "lib", "css", "js",
        "media", "search", "catalog",
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{1,31}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$")]
    private static partial Regex HostPattern();

    /// <summary>Returns (field, message) for each rule <paramref name="candidate"/> breaks against the others.</summary>
    public static IEnumerable<(string Field, string Message)> Validate(TenantSettings candidate, IEnumerable<TenantSettings> others)
    {
        var rest = others.Where(o => !string.Equals(o.Name, candidate.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (!NamePattern().IsMatch(candidate.Name))
            yield return ("Name", "名称须以字母开头，由 2–32 个字母、数字或下划线组成。");

        var prefix = candidate.RequestUrlPrefix;
        if (prefix is { Length: > 0 })
        {
            if (!PrefixPattern().IsMatch(prefix))
                yield return ("RequestUrlPrefix", "URL 前缀只能包含小写字母、数字和连字符。");
            else if (ReservedPrefixes.Contains(prefix))
                yield return ("RequestUrlPrefix", $"URL 前缀 “{prefix}” 是系统保留的路径。");
            else if (rest.FirstOrDefault(o => string.Equals(o.RequestUrlPrefix, prefix, StringComparison.OrdinalIgnoreCase)
                         && SameHosts(o, candidate)) is { } owner)
                yield return ("RequestUrlPrefix", $"URL 前缀 “{prefix}” 已被租户 {owner.Name} 使用。");
        }

        foreach (var host in candidate.HostList)
        {
            if (!HostPattern().IsMatch(host))
                yield return ("RequestUrlHosts", $"主机名 “{host}” 格式不正确。");
            else if (rest.FirstOrDefault(o => o.HostList.Contains(host, StringComparer.OrdinalIgnoreCase)
                         && string.Equals(o.RequestUrlPrefix ?? "", prefix ?? "", StringComparison.OrdinalIgnoreCase)) is { } owner)
                yield return ("RequestUrlHosts", $"主机名 “{host}” 已被租户 {owner.Name} 使用。");
        }

        if (!candidate.IsDefault && prefix is not { Length: > 0 } && !candidate.HostList.Any())
            yield return ("RequestUrlPrefix", "请填写 URL 前缀或主机名，否则无法访问该站点。");
    }

    private static bool SameHosts(TenantSettings a, TenantSettings b) =>
        (!a.HostList.Any() && !b.HostList.Any()) || a.HostList.Intersect(b.HostList, StringComparer.OrdinalIgnoreCase).Any();
}
