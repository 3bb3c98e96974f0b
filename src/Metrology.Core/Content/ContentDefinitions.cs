namespace Metrology.Core.Content;

/// <summary>A content type, defined as data per tenant: its settings, parts and fields.</summary>
public sealed record ContentTypeDefinition
{
    public string Name { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public bool Creatable { get; init; } = true;
    public bool Listable { get; init; } = true;
    public bool Draftable { get; init; } = true;
    public bool Versionable { get; init; } = true;
    public bool Securable { get; init; }

    /// <summary>Part names of <see cref="ContentParts"/>.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>ListPart: the types of the items this one contains, in the order they are offered.</summary>
    public IReadOnlyList<string> ContainedTypes { get; init; } = [];

    /// <summary>ListPart: a new child goes first (news), not last (questions, contacts).</summary>
    public bool AddToTop { get; init; }

    /// <summary>ListPart: children shown per portal page (0: all of them).</summary>
    public int PageSize { get; init; }

    public IReadOnlyList<ContentFieldDefinition> Fields { get; init; } = [];

    public bool Has(string part) => Parts.Contains(part);
}

/// <summary>A field of a content type and the settings its type understands.</summary>
public sealed record ContentFieldDefinition
{
    public string Name { get; init; } = "";
    public string DisplayName { get; init; } = "";

    /// <summary>A field type name of <see cref="FieldTypes"/>.</summary>
    public string Type { get; init; } = "";

    public string? Hint { get; init; }

    /// <summary>A field for the site's own use (menu order, flags), not shown on the item's page.</summary>
    public bool HideOnPortal { get; init; }

    public bool Required { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public string? PatternMessage { get; init; }
    public bool Multiline { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public int Decimals { get; init; }
    public IReadOnlyList<FieldOption> Options { get; init; } = [];

    /// <summary>Media fields: the extensions accepted (".pdf"), and the largest file in KB.</summary>
    public IReadOnlyList<string> AllowedExtensions { get; init; } = [];

    public int? MaxKilobytes { get; init; }

    /// <summary>Media and content picker fields: several values (stored as an array) instead of one.</summary>
    public bool Multiple { get; init; }

    /// <summary>Content picker fields: the types that may be picked (none: any type).</summary>
    public IReadOnlyList<string> AllowedTypes { get; init; } = [];
}

public sealed record FieldOption(string Code, string Label);

/// <summary>The stored definitions of a tenant (one document).</summary>
public sealed class ContentDefinitionsDocument
{
    public List<ContentTypeDefinition> Types { get; set; } = [];
}

/// <summary>The part names the content model knows.</summary>
public static class ContentParts
{
    public const string Title = "TitlePart";
    public const string Autoroute = "AutoroutePart";
    public const string MarkdownBody = "MarkdownBodyPart";

    /// <summary>A container of ordered child items of the types in <see cref="ContentTypeDefinition.ContainedTypes"/>.</summary>
    public const string List = "ListPart";

    /// <summary>Portal navigation: an ordered list of links to items or addresses.</summary>
    public const string Menu = "MenuPart";

    /// <summary>Stored in a child item: { "ListContentItemId": container }. The order is kept in the list index.</summary>
    public const string Contained = "ContainedPart";

    public static readonly IReadOnlyList<(string Name, string DisplayName)> All =
    [
        (Title, "标题"),
        (Autoroute, "网址（URL）"),
        (MarkdownBody, "正文（Markdown）"),
        (List, "列表（包含子项）"),
        (Menu, "导航菜单"),
    ];
}
