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
public sealed class EditModel(ContentManager contents, ContentDefinitionStore definitions, ContentAccess access, IFileStore files,
    IEnumerable<IContentEditorPanel> panels, FeatureFilter features) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty] public string? VersionId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Path { get; set; }
    [BindProperty] public string? Markdown { get; set; }
    [BindProperty] public Dictionary<string, string?> Fields { get; set; } = [];

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
        await contents.RemoveAsync(Item.ContentItemId, User.Identity?.Name, ct);
        TempData.Success($"「{Item.DisplayText}」已删除。");
        return RedirectToPage("Index", new { type = Item.ContentType });
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
        var written = new List<string>();
        var before = new Dictionary<string, string?>(Fields);
        foreach (var field in Definition.Fields)
        {
            var raw = Fields.GetValueOrDefault(field.Name);
            if (field.Type == FieldTypes.Media)
            {
                if (Request.Form[$"Clear[{field.Name}]"] == "true") raw = null;
                if (Request.Form.Files.GetFile($"Upload[{field.Name}]") is { Length: > 0 } upload)
                {
                    if (await MediaUpload.CheckAsync(field, upload) is { } problem)
                    {
                        ModelState.AddModelError($"Fields[{field.Name}]", $"「{field.DisplayName}」：{problem}");
                        continue;
                    }
                    if (ModelState.IsValid)
                    {
                        // A folder per upload: a draft's new file never replaces the one the published version shows.
                        raw = await MediaUpload.SaveAsync(files, $"content/{item.ContentItemId}/{Guid.NewGuid().ToString("N")[..8]}", upload, ct);
                        written.Add(raw);
                    }
                }
                Fields[field.Name] = raw;
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
                ModelState.AddModelError(key is "Title" or "Path" or "Markdown" ? key : $"Fields[{key}]", message);
            if (!result.Succeeded) return await DiscardAsync(written, before, ct);
            TempData.Success(publish || !Definition.Draftable ? $"「{result.Item!.DisplayText}」已发布。" : $"「{result.Item!.DisplayText}」已保存为草稿。");
            return RedirectToPage(new { id = result.Item.ContentItemId, type = (string?)null });
        }
        catch (ContentConflictException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return await DiscardAsync(written, before, ct);
        }
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
        return true;
    }
}
