using Metrology.Core.Content;

namespace Metrology.Contents.Pages.Shared;

/// <summary>What a display template gets: the item, its type, and its body already rendered.</summary>
public sealed record ContentView(ContentItem Item, ContentTypeDefinition Type)
{
    public string BodyHtml => MarkdownRenderer.ToHtml(Item.Text(ContentParts.MarkdownBody, "Markdown"));

    public IEnumerable<(ContentFieldDefinition Field, string? Text)> Fields =>
        Type.Fields.Where(f => !f.HideOnPortal).Select(f => (f, FieldTypes.Display(f, Item.Field(f.Name))));

    /// <summary>A theme overrides the display of a type with a partial named "Content-{Type}".</summary>
    public string TemplateName => "Content-" + Item.ContentType;
}
