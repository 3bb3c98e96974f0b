using System.Text.RegularExpressions;
using Metrology.Core.Settings;

namespace Metrology.Core.Content;

/// <summary>
/// Reads and changes the tenant's content type definitions. Changing a definition never touches stored
/// items: a removed field's values stay in the items' JSON and come back if the field is added again.
/// </summary>
public sealed partial class ContentDefinitionStore(DocumentStore documents, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, Tenants.TenantContext tenant, Tenants.TenantCaches caches)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private ContentDefinitionsDocument? _document;

    // Read on every content page: kept per tenant for a short while; a save on this node is seen at once.
    private string Key => "content-definitions:" + tenant.Tenant.Name;

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{1,63}$")]
    private static partial Regex TypeName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex FieldName();

    public async Task<IReadOnlyList<ContentTypeDefinition>> TypesAsync(CancellationToken ct = default) =>
        (_document ??= (await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, Key, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            Microsoft.Extensions.Caching.Memory.CacheEntryExtensions.AddExpirationToken(e, caches.Token(tenant.Tenant.Name));
            return await documents.GetAsync<ContentDefinitionsDocument>(ct);
        }))!).Types;

    public async Task<ContentTypeDefinition?> FindAsync(string name, CancellationToken ct = default) =>
        (await TypesAsync(ct)).FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)); // URLs are lower case

    /// <summary>Adds or replaces a type; returns (field, message) for each rule it breaks, and saves nothing then.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> SaveAsync(ContentTypeDefinition type, CancellationToken ct = default)
    {
        var errors = Validate(type).ToList();
        if (errors.Count > 0) return errors;
        var document = await documents.GetAsync<ContentDefinitionsDocument>(ct);
        document.Types.RemoveAll(t => t.Name == type.Name);
        document.Types.Add(type);
        document.Types.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        await documents.SaveAsync(document, ct);
        _document = document;
        cache.Remove(Key);
        await caches.ChangedAsync(tenant.Tenant.Name);
        return [];
    }

    public async Task RemoveAsync(string name, CancellationToken ct = default)
    {
        var document = await documents.GetAsync<ContentDefinitionsDocument>(ct);
        document.Types.RemoveAll(t => t.Name == name);
        await documents.SaveAsync(document, ct);
        _document = document;
        cache.Remove(Key);
        await caches.ChangedAsync(tenant.Tenant.Name);
    }

    public static IEnumerable<(string Field, string Message)> Validate(ContentTypeDefinition type)
    {
        if (!TypeName().IsMatch(type.Name)) yield return ("Name", "类型名称须以大写字母开头，由 2–64 个字母或数字组成。");
        if (string.IsNullOrWhiteSpace(type.DisplayName)) yield return ("DisplayName", "请输入显示名称。");
        foreach (var part in type.Parts.Where(p => ContentParts.All.All(x => x.Name != p))) yield return ("Parts", $"部件「{part}」不存在。");
        if (type.Has(ContentParts.List) && type.ContainedTypes.Count == 0) yield return ("ContainedTypes", "列表部件至少需要一种可包含的子项类型。");
        if (type.ContainedTypes.Contains(type.Name)) yield return ("ContainedTypes", "列表不能包含与自身相同的类型。");
        foreach (var field in type.Fields)
        {
            if (!FieldName().IsMatch(field.Name)) yield return ("Fields", $"字段名称「{field.Name}」须以字母开头，只含字母和数字。");
            if (FieldTypes.Find(field.Type) is null) yield return ("Fields", $"字段「{field.Name}」的类型「{field.Type}」不存在。");
            if (field.Type == FieldTypes.Enumeration && field.Options.Count == 0) yield return ("Fields", $"枚举字段「{field.Name}」至少需要一个选项。");
            if (field.Pattern is not null && !IsRegex(field.Pattern)) yield return ("Fields", $"字段「{field.Name}」的格式（正则表达式）无效。");
        }
        foreach (var name in type.Fields.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return ("Fields", $"字段名称「{name}」重复。");
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
