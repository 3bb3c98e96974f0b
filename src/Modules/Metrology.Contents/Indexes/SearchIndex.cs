using Metrology.Core.Content;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Contents.Indexes;

/// <summary>
/// Keeps the search index to what visitors can read: a published item of a type that is not securable,
/// with a page of its own or on its list's page. Runs in the transaction of each change.
/// </summary>
internal sealed class SearchIndex : IContentHandler
{
    public async Task PublishedAsync(ContentContext context)
    {
        var item = context.Item;
        // Records without a page of their own (instruments, filings) are never searched: no query for them.
        if (item.Path is null && ListIndex.ContainerOf(item) is null && context.Item.Number == 1) return;
        var set = context.Db.Set<ContentSearchEntry>();
        var entry = await set.FirstOrDefaultAsync(e => e.ContentItemId == item.ContentItemId);
        var url = context.Type.Securable ? null : await UrlOfAsync(context);
        if (url is null)
        {
            if (entry is not null) set.Remove(entry);
            return;
        }
        if (entry is null) set.Add(entry = new ContentSearchEntry { ContentItemId = item.ContentItemId });
        entry.ContentType = item.ContentType;
        entry.Title = item.DisplayText;
        entry.Url = url;
        entry.Text = VisibleText(item, context.Type);
        entry.PublishedUtc = item.PublishedUtc ?? item.ModifiedUtc;
    }

    public Task UnpublishedAsync(ContentContext context) => RemoveAsync(context);

    public Task RemovedAsync(ContentContext context) => RemoveAsync(context);

    private static Task RemoveAsync(ContentContext context) =>
        context.Db.Set<ContentSearchEntry>().Where(e => e.ContentItemId == context.Item.ContentItemId).ExecuteDeleteAsync();

    private static async Task<string?> UrlOfAsync(ContentContext context)
    {
        if (context.Item.Path is { } path) return path;
        if (ListIndex.ContainerOf(context.Item) is not { } containerId) return null;
        var containerPath = await context.Db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.ContentItemId == containerId && i.Published).Select(i => i.Path).FirstOrDefaultAsync();
        return containerPath is null ? null : $"{containerPath}#item-{context.Item.ContentItemId}";
    }

    /// <summary>The title, body and the fields shown on the portal, as a reader sees them.</summary>
    public static string VisibleText(ContentItem item, ContentTypeDefinition type) =>
        string.Join('\n', new[] { item.DisplayText, item.Text(ContentParts.MarkdownBody, "Markdown") }
            .Concat(type.Fields.Where(f => !f.HideOnPortal).Select(f => FieldTypes.Display(f, item.Field(f.Name))))
            .Where(t => !string.IsNullOrEmpty(t)));
}
