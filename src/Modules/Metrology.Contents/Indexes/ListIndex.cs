using Metrology.Core.Content;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Contents.Indexes;

/// <summary>
/// Keeps <see cref="ContentListEntry"/> in step with the items that belong to a list, in the transaction
/// of each change, and refuses a child whose container cannot hold it.
/// </summary>
internal sealed class ListIndex(ContentDefinitionStore definitions) : IContentHandler
{
    public static string? ContainerOf(ContentItem item) => item.Text(ContentParts.Contained, "ListContentItemId");

    public async Task ValidatingAsync(ContentContext context)
    {
        if (ContainerOf(context.Item) is not { } containerId) return;
        var container = await context.Db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.ContentItemId == containerId && i.Latest).Select(i => i.ContentType).FirstOrDefaultAsync();
        var type = container is null ? null : await definitions.FindAsync(container);
        if (type is null || !type.Has(ContentParts.List))
            context.Errors.Add(("Title", "所属的列表不存在或已删除。"));
        else if (!type.ContainedTypes.Contains(context.Item.ContentType))
            context.Errors.Add(("Title", $"「{type.DisplayName}」不能包含「{context.Type.DisplayName}」。"));
    }

    public async Task SavedAsync(ContentContext context)
    {
        if (ContainerOf(context.Item) is not { } containerId) return;
        var entries = context.Db.Set<ContentListEntry>();
        if (await entries.FindAsync(context.Item.ContentItemId) is not null) return;
        var containerType = await context.Db.Set<ContentItem>().AsNoTracking()
            .Where(i => i.ContentItemId == containerId && i.Latest).Select(i => i.ContentType).FirstOrDefaultAsync();
        var toTop = containerType is not null && (await definitions.FindAsync(containerType))?.AddToTop == true;
        var siblings = entries.Where(e => e.ContainerId == containerId);
        entries.Add(new ContentListEntry
        {
            ContentItemId = context.Item.ContentItemId,
            ContainerId = containerId,
            ContentType = context.Item.ContentType,
            Position = toTop ? (await siblings.MinAsync(e => (int?)e.Position) ?? 1) - 1 : (await siblings.MaxAsync(e => (int?)e.Position) ?? 0) + 1,
        });
    }

    public Task PublishedAsync(ContentContext context) => MarkAsync(context, true);

    /// <summary>New items of an import: only those in a list have an entry to write (no query for the others).</summary>
    public async Task ImportedAsync(IReadOnlyList<ContentContext> contexts)
    {
        foreach (var context in contexts.Where(c => ContainerOf(c.Item) is not null))
        {
            await SavedAsync(context);
            await PublishedAsync(context);
        }
    }

    public Task UnpublishedAsync(ContentContext context) => MarkAsync(context, false);

    public async Task RemovedAsync(ContentContext context)
    {
        if (await context.Db.Set<ContentListEntry>().FindAsync(context.Item.ContentItemId) is { } entry) context.Db.Remove(entry);
    }

    private static async Task MarkAsync(ContentContext context, bool published)
    {
        if (await context.Db.Set<ContentListEntry>().FindAsync(context.Item.ContentItemId) is { } entry) entry.Published = published;
    }
}
