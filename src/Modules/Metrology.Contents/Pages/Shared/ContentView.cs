using Metrology.Core.Content;

namespace Metrology.Contents.Pages.Shared;

/// <summary>
/// What a display template gets: the item, its type, its body already rendered, the items its pickers
/// point at, and for a list, one page of its children (each a view of its own).
/// </summary>
public sealed record ContentView(ContentItem Item, ContentTypeDefinition Type)
{
    public string BodyHtml => MarkdownRenderer.ToHtml(Item.Text(ContentParts.MarkdownBody, "Markdown"), PathBase);

    /// <summary>The tenant's URL prefix ("/zhaoqing"), put before the site links of Markdown text.</summary>
    public string PathBase { get; init; } = "";

    public IEnumerable<(ContentFieldDefinition Field, string? Text)> Fields =>
        Type.Fields.Where(f => !f.HideOnPortal && f.Type != FieldTypes.ContentPicker).Select(f => (f, FieldTypes.Display(f, Item.Field(f.Name))));

    /// <summary>Picker fields with the items they point at that visitors may see (published, in the field's order).</summary>
    public IEnumerable<(ContentFieldDefinition Field, IReadOnlyList<ContentItem> Items)> Picked =>
        Type.Fields.Where(f => !f.HideOnPortal && f.Type == FieldTypes.ContentPicker)
            .Select(f => (f, (IReadOnlyList<ContentItem>)FieldTypes.Values(Item.Field(f.Name)).Select(id => Linked.GetValueOrDefault(id)).OfType<ContentItem>().ToList()))
            .Where(x => x.Item2.Count > 0);

    public IReadOnlyDictionary<string, ContentItem> Linked { get; init; } = new Dictionary<string, ContentItem>();

    public IReadOnlyList<ContentView> Children { get; init; } = [];

    /// <summary>The page of children shown (1-based) and how many pages there are.</summary>
    public int Page { get; init; } = 1;

    public int PageCount { get; init; } = 1;

    /// <summary>A theme overrides the display of a type with a partial named "Content-{Type}".</summary>
    public string TemplateName => "Content-" + Item.ContentType;

    /// <summary>How a child shows inside its list: "Content-{Type}-Summary" if there is one, else a default.</summary>
    public string SummaryTemplateName => TemplateName + "-Summary";
}

/// <summary>What the field editor partial needs: the field, the form's text for it, its error, and a picker's choices.</summary>
public sealed record FieldEditorView(ContentFieldDefinition Field, string? Value, string? Error, IReadOnlyList<ContentItem>? PickerOptions = null);
