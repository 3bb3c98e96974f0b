using Metrology.Core.Tenants;
using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Content;

/// <summary>
/// Creates, versions, publishes and removes content items. Each change is one transaction with its
/// handlers (validation, index tables) and its audit entry, so nothing is ever half-written.
/// </summary>
public sealed class ContentManager(TenantDbContext db, ContentDefinitionStore definitions, IEnumerable<IContentHandler> allHandlers, FeatureFilter features, TimeProvider clock)
{
    /// <summary>
    /// The handlers of the tenant's enabled features (a disabled module's index tables may not exist), read at
    /// each use: a recipe's Feature step enables features after this scoped service was made.
    /// </summary>
    private IEnumerable<IContentHandler> handlers => features.Enabled(allHandlers);

    private IQueryable<ContentItem> Items => db.Set<ContentItem>();

    public async Task<ContentItem> NewAsync(string contentType, string? owner, CancellationToken ct = default)
    {
        _ = await definitions.FindAsync(contentType, ct) ?? throw new InvalidOperationException($"内容类型「{contentType}」不存在。");
        return new ContentItem { ContentItemId = Guid.NewGuid().ToString("N"), ContentType = contentType, Owner = owner };
    }

    public Task<ContentItem?> GetAsync(string contentItemId, VersionOptions version = VersionOptions.Latest, CancellationToken ct = default) =>
        Items.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && (version == VersionOptions.Latest ? i.Latest : i.Published), ct);

    public Task<ContentItem?> GetByPathAsync(string path, CancellationToken ct = default) =>
        Items.AsNoTracking().FirstOrDefaultAsync(i => i.Path == path && i.Published, ct);

    public async Task<string?> RedirectOfAsync(string path, CancellationToken ct = default)
    {
        var redirect = await db.Set<ContentRedirect>().AsNoTracking().FirstOrDefaultAsync(r => r.Path == path, ct);
        if (redirect is null) return null;
        return (await GetAsync(redirect.ContentItemId, VersionOptions.Published, ct))?.Path;
    }

    public Task<List<ContentItem>> VersionsAsync(string contentItemId, CancellationToken ct = default) =>
        Items.AsNoTracking().Where(i => i.ContentItemId == contentItemId).OrderByDescending(i => i.Number).ToListAsync(ct);

    public async Task<(IReadOnlyList<ContentItem> Items, int Total)> QueryAsync(ContentQuery query, CancellationToken ct = default)
    {
        var q = Items.AsNoTracking().Where(i => query.Version == VersionOptions.Latest ? i.Latest : i.Published);
        if (query.ContentType is not null) q = q.Where(i => i.ContentType == query.ContentType);
        if (query.ContentTypes.Count > 0)
        {
            var types = query.ContentTypes.ToArray();
            q = q.Where(i => types.Contains(i.ContentType));
        }
        if (query.Owner is not null) q = q.Where(i => i.Owner == query.Owner);
        if (query.OwnOnlyTypes.Count > 0)
        {
            var ownOnly = query.OwnOnlyTypes.ToArray();
            q = q.Where(i => !ownOnly.Contains(i.ContentType) || (query.OwnOnlyUser != null && i.Owner == query.OwnOnlyUser));
        }
        if (!string.IsNullOrWhiteSpace(query.Text)) q = q.Where(i => i.DisplayText != null && i.DisplayText.Contains(query.Text.Trim()));
        if (query.IsPublished is bool published) q = q.Where(i => i.Published == published);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(i => i.ModifiedUtc).ThenBy(i => i.Id).Skip(query.Skip).Take(query.Take).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>
    /// Saves the editor's version of <paramref name="item"/>: a new version when the latest one is
    /// published (so the portal keeps showing it), else the draft in place. <paramref name="expectedVersionId"/>
    /// is the version the editor opened; if another save came in between, <see cref="ContentConflictException"/>.
    /// </summary>
    public async Task<ContentSaveResult> SaveAsync(ContentItem item, bool publish, string? userName, string? expectedVersionId = null, CancellationToken ct = default) =>
        await SaveAsync(item, publish, userName, expectedVersionId, newVersion: false, ct);

    private async Task<ContentSaveResult> SaveAsync(ContentItem item, bool publish, string? userName, string? expectedVersionId, bool newVersion, CancellationToken ct)
    {
        var type = await definitions.FindAsync(item.ContentType, ct) ?? throw new InvalidOperationException($"内容类型「{item.ContentType}」不存在。");
        publish |= !type.Draftable;
        item.DisplayText = type.Has(ContentParts.Title) ? item.Text(ContentParts.Title, "Title")?.Trim() : item.DisplayText;
        item.Path = type.Has(ContentParts.Autoroute) ? ContentPaths.Normalize(item.Text(ContentParts.Autoroute, "Path")) : null;
        if (item.Path is not null) item.SetText(ContentParts.Autoroute, "Path", item.Path);

        var context = new ContentContext(item, type, db);
        await ValidateAsync(context, ct);
        if (context.Errors.Count > 0) return new ContentSaveResult(null, context.Errors);

        // Inside UnitOfWorkAsync the unit's transaction holds this save; its after-commit hooks wait for the unit's commit.
        await using var tx = _unit is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var latest = await Items.FirstOrDefaultAsync(i => i.ContentItemId == item.ContentItemId && i.Latest, ct);
        if (latest is not null && expectedVersionId is not null && latest.ContentItemVersionId != expectedVersionId) throw new ContentConflictException();
        var now = clock.GetUtcNow().UtcDateTime;
        var row = latest;
        if (latest is null || latest.Published || (newVersion && type.Versionable))
        {
            row = new ContentItem
            {
                ContentItemId = item.ContentItemId,
                ContentType = item.ContentType,
                Number = (latest?.Number ?? 0) + 1,
                CreatedUtc = latest?.CreatedUtc ?? now,
                Owner = latest?.Owner ?? item.Owner,
                Latest = true,
            };
            if (latest is not null) latest.Latest = false;
            db.Add(row);
        }
        row!.ContentItemVersionId = Guid.NewGuid().ToString("N");
        row.DisplayText = item.DisplayText;
        row.Path = item.Path;
        row.Json = item.Json;
        row.Author = userName;
        row.ModifiedUtc = now;
        var saved = new ContentContext(row, type, db);
        if (publish) await MarkPublishedAsync(row, now, ct);
        await db.SaveChangesAsync(ct);
        foreach (var handler in handlers) await handler.SavedAsync(saved);
        if (publish) foreach (var handler in handlers) await handler.PublishedAsync(saved);
        Audit(row, publish ? "发布" : "保存草稿", userName, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ContentConflictException();
        }
        if (tx is null)
        {
            _unit!.Add(saved);
            return new ContentSaveResult(row, []);
        }
        await tx.CommitAsync(ct);
        await CommittedAsync(saved);
        return new ContentSaveResult(row, []);
    }

    /// <summary>
    /// Creates and publishes many new items in one transaction (an import): every item is validated first,
    /// and if any has an error nothing is written and the errors come back by the item's position.
    /// The items themselves become the rows (their JSON serialized once), inserted in bulk without the change
    /// tracker, a chunk at a time with the handlers' <see cref="IContentHandler.ImportedAsync"/> and the audit
    /// entries. The after-commit hooks (caches, workflow events) are not run for an import.
    /// </summary>
    /// <exception cref="DbUpdateException">A unique index refused a row (another save got in first): nothing is written.</exception>
    public async Task<IReadOnlyList<(int Index, string Field, string Message)>> CreateManyAsync(IReadOnlyList<ContentItem> items, string? userName, CancellationToken ct = default)
    {
        var errors = new List<(int, string, string)>();
        var contexts = new List<ContentContext>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var type = await definitions.FindAsync(item.ContentType, ct) ?? throw new InvalidOperationException($"内容类型「{item.ContentType}」不存在。");
            item.DisplayText = type.Has(ContentParts.Title) ? item.Text(ContentParts.Title, "Title")?.Trim() : item.DisplayText;
            item.Path = null;
            var context = new ContentContext(item, type, db);
            await ValidateAsync(context, ct);
            errors.AddRange(context.Errors.Select(e => (i, e.Field, e.Message)));
            contexts.Add(context);
        }
        if (errors.Count > 0) return errors;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in items)
        {
            item.Id = 0;
            item.ContentItemVersionId = Guid.NewGuid().ToString("N");
            item.Number = 1;
            (item.Latest, item.Published) = (true, true);
            item.Author = userName;
            item.CreatedUtc = item.ModifiedUtc = now;
            item.PublishedUtc = now;
            item.StoreContent();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in contexts.Chunk(1000))
        {
            await db.InsertAsync(chunk.Select(c => c.Item), ct);
            foreach (var handler in handlers) await handler.ImportedAsync(chunk);
            await db.InsertAsync(chunk.Select(c => AuditEntry(c.Item, "导入", userName, now)), ct);
            // What a handler added the ordinary way.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
        return [];
    }

    public async Task<bool> PublishAsync(string contentItemId, string? userName, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var latest = await Items.FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Latest, ct);
        if (latest is null) return false;
        if (!latest.Published)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var type = await definitions.FindAsync(latest.ContentType, ct) ?? throw new InvalidOperationException("内容类型不存在。");
            var context = new ContentContext(latest, type, db);
            await ValidateAsync(context, ct);
            if (context.Errors.Count > 0) return false;
            await MarkPublishedAsync(latest, now, ct);
            await db.SaveChangesAsync(ct);
            foreach (var handler in handlers) await handler.PublishedAsync(context);
            Audit(latest, "发布", userName, now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await CommittedAsync(context);
            return true;
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> UnpublishAsync(string contentItemId, string? userName, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var published = await Items.FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Published, ct);
        if (published is null) return false;
        published.Published = false;
        await db.SaveChangesAsync(ct);
        var context = await RunAsync(published, (h, c) => h.UnpublishedAsync(c), ct);
        Audit(published, "取消发布", userName, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await CommittedAsync(context);
        return true;
    }

    /// <summary>Removes the item from every list and the portal; its versions stay for the audit trail.</summary>
    public async Task<bool> RemoveAsync(string contentItemId, string? userName, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await Items.Where(i => i.ContentItemId == contentItemId && (i.Latest || i.Published)).ToListAsync(ct);
        if (rows.Count == 0) return false;
        foreach (var r in rows) (r.Latest, r.Published) = (false, false);
        await db.Set<ContentRedirect>().Where(r => r.ContentItemId == contentItemId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        var context = await RunAsync(rows[0], (h, c) => h.RemovedAsync(c), ct);
        Audit(rows[0], "删除", userName, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await CommittedAsync(context);
        return true;
    }

    /// <summary>A new draft item with the same content, its title marked as a copy and no URL.</summary>
    public async Task<ContentSaveResult> CloneAsync(string contentItemId, string? userName, CancellationToken ct = default)
    {
        var source = await GetAsync(contentItemId, VersionOptions.Latest, ct) ?? throw new InvalidOperationException("内容不存在。");
        var copy = await NewAsync(source.ContentType, userName, ct);
        copy.Json = source.Json;
        if (copy.Text(ContentParts.Title, "Title") is { } title) copy.SetText(ContentParts.Title, "Title", title + "（副本）");
        if (copy.Content[ContentParts.Autoroute] is not null) copy.SetText(ContentParts.Autoroute, "Path", null);
        return await SaveAsync(copy, false, userName, null, ct);
    }

    /// <summary>Makes an old version's content the latest draft again.</summary>
    public async Task<ContentSaveResult> RestoreAsync(string contentItemId, string versionId, string? userName, CancellationToken ct = default)
    {
        var old = await Items.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.ContentItemVersionId == versionId, ct)
            ?? throw new InvalidOperationException("版本不存在。");
        // Restoring keeps the draft it replaces as a version of its own.
        var restored = old.CloneVersion();
        return await SaveAsync(restored, false, userName, null, newVersion: true, ct);
    }

    public Task<List<ContentAuditEntry>> AuditAsync(string contentItemId, CancellationToken ct = default) =>
        db.Set<ContentAuditEntry>().AsNoTracking().Where(a => a.ContentItemId == contentItemId).OrderByDescending(a => a.Id).ToListAsync(ct);

    private async Task ValidateAsync(ContentContext context, CancellationToken ct)
    {
        var item = context.Item;
        if (context.Type.Has(ContentParts.Title) && string.IsNullOrWhiteSpace(item.DisplayText)) context.Errors.Add(("Title", "请输入标题。"));
        if (item.DisplayText?.Length > 200) context.Errors.Add(("Title", $"标题不能超过 200 个字符（当前 {item.DisplayText.Length} 个）。"));
        if (context.Type.Has(ContentParts.Autoroute) && item.Path is not null)
        {
            if (ContentPaths.Problem(item.Path) is { } problem) context.Errors.Add(("Path", problem));
            else if (await Items.AnyAsync(i => i.Path == item.Path && i.ContentItemId != item.ContentItemId && (i.Latest || i.Published), ct))
                context.Errors.Add(("Path", $"网址「/{item.Path}」已被其他内容使用。"));
        }
        if (context.Type.Has(ContentParts.Menu) && MenuLinks.Problem(MenuLinks.Of(item)) is { } menuProblem) context.Errors.Add(("Menu", menuProblem));
        foreach (var field in context.Type.Fields)
        {
            var (_, error) = FieldTypes.Parse(field, FieldTypes.ToText(field, item.Field(field.Name)));
            if (error is not null) context.Errors.Add((field.Name, error));
            else if (field.Type == FieldTypes.ContentPicker) await ValidatePickedAsync(context, field, ct);
        }
        foreach (var handler in handlers) await handler.ValidatingAsync(context);
    }

    /// <summary>Picked items exist (not removed) and are of the types the field allows.</summary>
    private async Task ValidatePickedAsync(ContentContext context, ContentFieldDefinition field, CancellationToken ct)
    {
        var ids = FieldTypes.Values(context.Item.Field(field.Name)).ToArray();
        if (ids.Length == 0) return;
        var found = await Items.AsNoTracking().Where(i => i.Latest && ids.Contains(i.ContentItemId))
            .Select(i => new { i.ContentItemId, i.ContentType }).ToListAsync(ct);
        if (found.Count < ids.Length)
            context.Errors.Add((field.Name, $"「{field.DisplayName}」选择的内容已不存在，请重新选择。"));
        else if (field.AllowedTypes.Count > 0 && found.Any(f => !field.AllowedTypes.Contains(f.ContentType)))
            context.Errors.Add((field.Name, $"「{field.DisplayName}」只能选择以下类型的内容：{string.Join("、", field.AllowedTypes)}。"));
    }

    private async Task MarkPublishedAsync(ContentItem row, DateTime now, CancellationToken ct)
    {
        var previous = await Items.Where(i => i.ContentItemId == row.ContentItemId && i.Published && i.Id != row.Id).ToListAsync(ct);
        foreach (var p in previous)
        {
            p.Published = false;
            if (p.Path is not null && p.Path != row.Path && !await db.Set<ContentRedirect>().AnyAsync(r => r.Path == p.Path, ct))
                db.Add(new ContentRedirect { Path = p.Path, ContentItemId = row.ContentItemId });
        }
        if (row.Path is not null) await db.Set<ContentRedirect>().Where(r => r.Path == row.Path).ExecuteDeleteAsync(ct);
        row.Published = true;
        row.PublishedUtc = now;
    }

    private async Task<ContentContext> RunAsync(ContentItem row, Func<IContentHandler, ContentContext, Task> step, CancellationToken ct)
    {
        var type = await definitions.FindAsync(row.ContentType, ct) ?? new ContentTypeDefinition { Name = row.ContentType, DisplayName = row.ContentType };
        var context = new ContentContext(row, type, db);
        foreach (var handler in handlers) await step(handler, context);
        return context;
    }

    private List<ContentContext>? _unit;

    /// <summary>
    /// Runs several saves (of this and other items, and the caller's own changes to the scope's context) as one
    /// transaction: it commits only when <paramref name="work"/> returns true, and the after-commit hooks (workflow
    /// events, caches) of its saves run after that commit. A false result or an exception rolls everything back.
    /// A save inside must not be the unit's only guard: a conflict (<see cref="ContentConflictException"/>) ends the unit.
    /// </summary>
    public async Task<bool> UnitOfWorkAsync(Func<Task<bool>> work, CancellationToken ct = default)
    {
        if (_unit is not null) return await work();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var unit = _unit = [];
        try
        {
            if (!await work())
            {
                db.ChangeTracker.Clear();
                return false;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            _unit = null;
        }
        foreach (var context in unit) await CommittedAsync(context);
        return true;
    }

    private async Task CommittedAsync(ContentContext context)
    {
        foreach (var handler in handlers) await handler.CommittedAsync(context);
    }

    private void Audit(ContentItem row, string action, string? userName, DateTime now) => db.Add(AuditEntry(row, action, userName, now));

    private static ContentAuditEntry AuditEntry(ContentItem row, string action, string? userName, DateTime now) =>
        new()
        {
            ContentItemId = row.ContentItemId,
            ContentItemVersionId = row.ContentItemVersionId,
            ContentType = row.ContentType,
            Action = action,
            UserName = userName,
            TimeUtc = now,
        };
}
