using Metrology.Contents.Indexes;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Media;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.Contents;

/// <summary>The editor of an item, built from its type's definition: title, URL, body and fields.</summary>
[Permission("EditContent")]
public sealed class EditModel(ContentManager contents, ContentDefinitionStore definitions, ContentAccess access, IFileStore files, ContentLists lists, CacheEviction eviction,
    IEnumerable<IContentEditorPanel> panels, FeatureFilter features) : PageModel
{
    /// <summary>A picker offers at most this many items, the most recently changed first.</summary>
    public const int PickerLimit = 300;

    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty] public string? VersionId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Path { get; set; }
    [BindProperty] public string? Markdown { get; set; }
    [BindProperty] public Dictionary<string, string?> Fields { get; set; } = [];

    /// <summary>A new item's list (ListPart container), from ?container=.</summary>
    [BindProperty(SupportsGet = true)] public string? Container { get; set; }

    /// <summary>MenuPart rows, in the order they are shown.</summary>
    [BindProperty] public List<string?> MenuText { get; set; } = [];
    [BindProperty] public List<string?> MenuUrl { get; set; } = [];

    public ContentItem? ContainerItem { get; private set; }
    public IReadOnlyList<ContentItem> Children { get; private set; } = [];
    public IReadOnlyList<ContentTypeDefinition> ContainedTypes { get; private set; } = [];
    public Dictionary<string, List<ContentItem>> PickerOptions { get; } = [];

    public ContentTypeDefinition Definition { get; private set; } = null!;
    public ContentItem? Item { get; private set; }
    public bool MayEdit { get; private set; }
    public bool MayPublish { get; private set; }
    public bool MayDelete { get; private set; }
    public bool IsNew => Item is null;

    /// <summary>Other features' panels below the editor (a workflow's actions on the item).</summary>
    public IEnumerable<IContentEditorPanel> Panels => features.Enabled(panels);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!MayEdit) return Forbid();
        if (Item is not null)
        {
            VersionId = Item.ContentItemVersionId;
            Title = Item.Text(ContentParts.Title, "Title");
            Path = Item.Text(ContentParts.Autoroute, "Path");
            Markdown = Item.Text(ContentParts.MarkdownBody, "Markdown");
            Fields = Definition.Fields.ToDictionary(f => f.Name, f => FieldTypes.ToText(f, Item.Field(f.Name)));
            var menu = MenuLinks.Of(Item);
            MenuText = menu.Select(l => (string?)l.Text).ToList();
            MenuUrl = menu.Select(l => (string?)l.Url).ToList();
        }
        return Page();
    }

    /// <summary>A form submitted without a button (Enter in a field) saves, as "保存草稿" does.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync(false, ct);

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => SaveAsync(false, ct);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken ct) => SaveAsync(true, ct);

    public async Task<IActionResult> OnPostUnpublishAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Item is null) return NotFound();
        if (!MayPublish) return Forbid();
        if (await contents.UnpublishAsync(Item.ContentItemId, User.Identity?.Name, ct)) TempData.Success($"「{Item.DisplayText}」已取消发布，访客不再能看到。");
        return RedirectToPage(new { id = Item.ContentItemId, type = (string?)null });
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Item is null) return NotFound();
        if (!MayDelete) return Forbid();
        if (Children.Count > 0)
        {
            TempData.Error($"「{Item.DisplayText}」下还有 {Children.Count} 个子项，请先删除或移走子项。");
            return RedirectToPage(new { id = Item.ContentItemId, type = (string?)null });
        }
        await contents.RemoveAsync(Item.ContentItemId, User.Identity?.Name, ct);
        TempData.Success($"「{Item.DisplayText}」已删除。");
        return RedirectToPage("Index", new { type = Item.ContentType });
    }

    /// <summary>Moves a child of this list up (-1) or down (+1).</summary>
    public async Task<IActionResult> OnPostMoveChildAsync(string child, int by, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Item is null) return NotFound();
        if (!MayEdit || !MayPublish) return Forbid();
        await lists.MoveAsync(Item.ContentItemId, child, by, ct);
        await eviction.EvictAsync();
        TempData.Success("顺序已调整。");
        return RedirectToPage(null, null, new { id = Item.ContentItemId, type = (string?)null }, "children");
    }

    private async Task<IActionResult> SaveAsync(bool publish, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!MayEdit) return Forbid();
        // A type without drafts publishes on every save, so saving it needs the publish permission too.
        if ((publish || !Definition.Draftable) && !MayPublish) return Forbid();
        if (Item is null && !Definition.Creatable) return NotFound();
        var item = Item ?? await contents.NewAsync(Definition.Name, User.Identity?.Name, ct);
        if (Definition.Has(ContentParts.Title)) item.SetText(ContentParts.Title, "Title", Title);
        if (Definition.Has(ContentParts.Autoroute)) item.SetText(ContentParts.Autoroute, "Path", Path);
        if (Definition.Has(ContentParts.MarkdownBody)) item.SetText(ContentParts.MarkdownBody, "Markdown", Markdown);
        if (Definition.Has(ContentParts.Menu))
            MenuLinks.Set(item, MenuText.Select((t, i) => new MenuLink(t ?? "", MenuUrl.ElementAtOrDefault(i) ?? "")).Where(l => l.Text.Trim().Length > 0 || l.Url.Trim().Length > 0));
        if (IsNew && ContainerItem is not null) item.SetText(ContentParts.Contained, "ListContentItemId", ContainerItem.ContentItemId);
        var written = new List<string>();
        var before = new Dictionary<string, string?>();
        foreach (var field in Definition.Fields)
        {
            // Several values (a multiple field, a picker) come as repeated form values.
            var raw = field.Multiple || field.Type == FieldTypes.ContentPicker
                ? string.Join(FieldTypes.Separator, Request.Form[$"Fields[{field.Name}]"].Where(v => !string.IsNullOrWhiteSpace(v)))
                : Fields.GetValueOrDefault(field.Name);
            if (field.Type == FieldTypes.Media)
            {
                before[field.Name] = raw;
                var (kept, problem) = await UploadAsync(field, raw, item, written, ct);
                if (problem is not null)
                {
                    ModelState.AddModelError($"Fields[{field.Name}]", $"「{field.DisplayName}」：{problem}");
                    continue;
                }
                Fields[field.Name] = raw = kept;
            }
            var (value, error) = FieldTypes.Parse(field, raw);
            if (error is not null) ModelState.AddModelError($"Fields[{field.Name}]", error);
            else item.SetField(field.Name, value);
        }
        if (!ModelState.IsValid) return await DiscardAsync(written, before, ct);
        try
        {
            var result = await contents.SaveAsync(item, publish, User.Identity?.Name, IsNew ? null : VersionId, ct);
            foreach (var (key, message) in result.Errors)
                ModelState.AddModelError(key is "Title" or "Path" or "Markdown" or "Menu" ? key : $"Fields[{key}]", message);
            if (!result.Succeeded) return await DiscardAsync(written, before, ct);
            TempData.Success(publish || !Definition.Draftable ? $"「{result.Item!.DisplayText}」已发布。" : $"「{result.Item!.DisplayText}」已保存为草稿。");
            // A list's new child goes back to the list, where the next one is added.
            if (IsNew && ContainerItem is not null) return RedirectToPage(null, null, new { id = ContainerItem.ContentItemId, type = (string?)null, container = (string?)null }, "children");
            return RedirectToPage(new { id = result.Item.ContentItemId, type = (string?)null, container = (string?)null });
        }
        catch (ContentConflictException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return await DiscardAsync(written, before, ct);
        }
    }

    /// <summary>
    /// The field's files after this post: those kept (less the ones ticked for removal) and the uploads,
    /// each checked by size, extension and content, or the first problem.
    /// </summary>
    private async Task<(string? Kept, string? Problem)> UploadAsync(ContentFieldDefinition field, string? raw, ContentItem item, List<string> written, CancellationToken ct)
    {
        var cleared = Request.Form[$"Clear[{field.Name}]"];
        var kept = (raw ?? "").Split(FieldTypes.Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !cleared.Contains(p) && !(!field.Multiple && cleared == "true")).ToList();
        var uploads = Request.Form.Files.GetFiles($"Upload[{field.Name}]").Where(f => f.Length > 0).ToList();
        if (!field.Multiple && uploads.Count > 1) return (null, "只能上传一个文件。");
        foreach (var upload in uploads)
            if (await MediaUpload.CheckAsync(field, upload) is { } problem) return (null, $"{upload.FileName}：{problem}");
        if (!ModelState.IsValid) return (string.Join(FieldTypes.Separator, kept), null);
        foreach (var upload in uploads)
        {
            // A folder per upload: a draft's new file never replaces the one the published version shows.
            var path = await MediaUpload.SaveAsync(files, $"content/{item.ContentItemId}/{Guid.NewGuid().ToString("N")[..8]}", upload, ct);
            written.Add(path);
            if (!field.Multiple) kept.Clear();
            kept.Add(path);
        }
        return (string.Join(FieldTypes.Separator, kept), null);
    }

    /// <summary>A refused save keeps no file it uploaded, and the form points at the files it had.</summary>
    private async Task<IActionResult> DiscardAsync(IEnumerable<string> written, Dictionary<string, string?> before, CancellationToken ct)
    {
        foreach (var path in written) await files.DeleteAsync(path, ct);
        foreach (var field in Definition.Fields.Where(f => f.Type == FieldTypes.Media)) Fields[field.Name] = before.GetValueOrDefault(field.Name);
        return Page();
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Id is not null)
        {
            Item = await contents.GetAsync(Id, VersionOptions.Latest, ct);
            if (Item is null) return false;
            Type = Item.ContentType;
        }
        if (Type is null || await definitions.FindAsync(Type, ct) is not { } definition) return false;
        Definition = definition;
        Type = definition.Name;
        MayEdit = await access.MayEditAsync(User, definition, Item);
        MayPublish = await access.MayPublishAsync(User, definition);
        MayDelete = await access.MayDeleteAsync(User, definition);
        var containerId = Item is null ? Container : ListIndex.ContainerOf(Item);
        if (containerId is not null)
        {
            ContainerItem = await contents.GetAsync(containerId, VersionOptions.Latest, ct);
            if (ContainerItem is null && Item is null) return false;
        }
        if (Item is not null && definition.Has(ContentParts.List))
        {
            Children = (await lists.ChildrenAsync(Item.ContentItemId, VersionOptions.Latest, ct: ct)).Items;
            var types = await definitions.TypesAsync(ct);
            ContainedTypes = definition.ContainedTypes.Select(n => types.FirstOrDefault(t => t.Name == n)).OfType<ContentTypeDefinition>().ToList();
        }
        foreach (var field in definition.Fields.Where(f => f.Type == FieldTypes.ContentPicker))
        {
            // A picker offers only what the user could open: the list's access rule.
            var allowed = (await definitions.TypesAsync(ct)).Where(t => field.AllowedTypes.Count == 0 || field.AllowedTypes.Contains(t.Name));
            var query = await access.LimitAsync(User, allowed, new ContentQuery { Take = PickerLimit });
            PickerOptions[field.Name] = (await contents.QueryAsync(query, ct)).Items.ToList();
        }
        return true;
    }
}
