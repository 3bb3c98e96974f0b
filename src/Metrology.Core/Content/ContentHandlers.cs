using Metrology.Core.Data;

namespace Metrology.Core.Content;

/// <summary>
/// What a module does when items change: add validation errors, or keep its own index tables in step.
/// Every method runs inside the transaction of the change, so an exception rolls the change back whole.
/// </summary>
public interface IContentHandler
{
    Task ValidatingAsync(ContentContext context) => Task.CompletedTask;
    Task SavedAsync(ContentContext context) => Task.CompletedTask;
    Task PublishedAsync(ContentContext context) => Task.CompletedTask;
    Task UnpublishedAsync(ContentContext context) => Task.CompletedTask;
    Task RemovedAsync(ContentContext context) => Task.CompletedTask;

    /// <summary>
    /// New items of an import (<see cref="ContentManager.CreateManyAsync"/>), a chunk at a time, already inserted and
    /// published in the import's transaction; no <see cref="CommittedAsync"/> follows. By default
    /// <see cref="SavedAsync"/> then <see cref="PublishedAsync"/> for each; a handler with index rows writes them in bulk.
    /// </summary>
    async Task ImportedAsync(IReadOnlyList<ContentContext> contexts)
    {
        foreach (var context in contexts)
        {
            await SavedAsync(context);
            await PublishedAsync(context);
        }
    }

    /// <summary>
    /// After the commit of every change (save, publish, unpublish, remove), with the same context the change's
    /// handlers saw: for caches and for work that must follow only a committed change (starting workflows),
    /// never for the change's own data.
    /// </summary>
    Task CommittedAsync(ContentContext context) => Task.CompletedTask;
}

/// <summary>
/// A panel a feature adds below an item's admin editor: the view component named <see cref="ViewComponent"/>,
/// invoked with the item (<c>item</c>). Shown only where the feature is enabled.
/// </summary>
public interface IContentEditorPanel
{
    string ViewComponent { get; }
}

public sealed class ContentContext(ContentItem item, ContentTypeDefinition type, TenantDbContext db)
{
    public ContentItem Item { get; } = item;
    public ContentTypeDefinition Type { get; } = type;
    public TenantDbContext Db { get; } = db;

    /// <summary>(field, message): the field is "Title", "Path", "Markdown" or a field's name.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];
}

/// <summary>Thrown when the item changed since the editor opened it.</summary>
public sealed class ContentConflictException() : Exception("该内容在您编辑期间已被他人修改并保存。为避免覆盖对方的修改，本次保存未执行。请重新打开后再编辑。");

public sealed record ContentSaveResult(ContentItem? Item, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public enum VersionOptions
{
    Latest,
    Published,
}

public sealed record ContentQuery
{
    public string? ContentType { get; init; }

    /// <summary>Any of these types (none: every type).</summary>
    public IReadOnlyList<string> ContentTypes { get; init; } = [];

    public VersionOptions Version { get; init; } = VersionOptions.Latest;
    public string? Owner { get; init; }

    /// <summary>Of these types, only the items that <see cref="OwnOnlyUser"/> owns.</summary>
    public IReadOnlyList<string> OwnOnlyTypes { get; init; } = [];
    public string? OwnOnlyUser { get; init; }

    public string? Text { get; init; }

    /// <summary>Only latest versions that are (true) or are not (false) published.</summary>
    public bool? IsPublished { get; init; }

    public int Skip { get; init; }
    public int Take { get; init; } = 20;
}
