using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Metrology.Core.Content;
using Metrology.Core.Tenants;
using Metrology.Core.Workflows;
using Metrology.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Metrology.Workflows.Handlers;

/// <summary>
/// Raises the content events. They are noted while the change's transaction runs and raised only after it
/// commits (CommittedAsync), per change: a rolled-back change raises nothing.
/// </summary>
internal sealed class ContentEvents(WorkflowManager workflows, TenantContext tenant, ILogger<ContentEvents> log) : IContentHandler
{
    private readonly ConditionalWeakTable<ContentContext, List<string>> _pending = [];

    public async Task SavedAsync(ContentContext context)
    {
        if (!tenant.IsEnabled(WorkflowManager.FeatureId)) return;
        // The change's own audit entry is written after the handlers: no entry yet means a new item.
        var created = context.Item.Number == 1
            && !await context.Db.Set<ContentAuditEntry>().AnyAsync(a => a.ContentItemId == context.Item.ContentItemId);
        await Note(context, created ? "ContentCreated" : "ContentUpdated");
    }

    /// <summary>What a content event carries: the item's id, type, title, owner, author and fields.</summary>
    public static JsonObject Input(ContentItem item) => new()
    {
        ["ContentItemId"] = item.ContentItemId,
        ["ContentType"] = item.ContentType,
        ["DisplayText"] = item.DisplayText,
        ["Owner"] = item.Owner,
        ["Author"] = item.Author,
        ["Fields"] = item.Content["Fields"]?.DeepClone(),
    };

    /// <summary>The latest items of <paramref name="types"/> (any type when empty), for 试运行 of a workflow started by a content event.</summary>
    public static async Task<IReadOnlyList<WorkflowSample>> SamplesAsync(IQueryable<ContentItem> items, IReadOnlyCollection<string> types, Func<string, string> typeName, CancellationToken ct)
    {
        var latest = items.Where(i => i.Latest);
        if (types.Count > 0) latest = latest.Where(i => types.Contains(i.ContentType));
        var found = await latest.OrderByDescending(i => i.ModifiedUtc).Take(10).ToListAsync(ct);
        return found.Select(i => new WorkflowSample($"content:{i.ContentItemId}", $"{typeName(i.ContentType)}：{i.DisplayText ?? "（无标题）"}", Input(i), i.ContentItemId)).ToList();
    }

    public Task PublishedAsync(ContentContext context) => Note(context, "ContentPublished");

    /// <summary>An import raises no content events (nothing would raise them: no after-commit hook runs for it).</summary>
    public Task ImportedAsync(IReadOnlyList<ContentContext> contexts) => Task.CompletedTask;

    public Task UnpublishedAsync(ContentContext context) => Note(context, "ContentUnpublished");

    public Task RemovedAsync(ContentContext context) => Note(context, "ContentRemoved");

    public async Task CommittedAsync(ContentContext context)
    {
        if (!_pending.TryGetValue(context, out var events)) return;
        _pending.Remove(context);
        var item = context.Item;
        foreach (var name in events)
        {
            var input = Input(item);
            try
            {
                await workflows.TriggerAsync(name, input, item.ContentItemId, item.ContentType, CancellationToken.None);
            }
            catch (Exception e)
            {
                // The change is committed; a workflow that cannot start must not turn it into an error page.
                log.LogError(e, "Workflow event {Event} for {Item} failed", name, item.ContentItemId);
            }
        }
    }

    private Task Note(ContentContext context, string name)
    {
        if (!tenant.IsEnabled(WorkflowManager.FeatureId)) return Task.CompletedTask;
        _pending.GetOrAdd(context, _ => []).Add(name);
        return Task.CompletedTask;
    }
}
