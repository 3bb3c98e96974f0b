using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.Contents;

/// <summary>The editor of an item, built from its type's definition: title, URL, body and fields.</summary>
[Permission("EditContent")]
public sealed class EditModel(ContentManager contents, ContentDefinitionStore definitions, PermissionService permissions) : PageModel
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
    public bool MayPublish { get; private set; }
    public bool IsNew => Item is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
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

    private async Task<IActionResult> SaveAsync(bool publish, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (publish && !MayPublish) return Forbid();
        var item = Item ?? await contents.NewAsync(Definition.Name, User.Identity?.Name, ct);
        if (Definition.Has(ContentParts.Title)) item.SetText(ContentParts.Title, "Title", Title);
        if (Definition.Has(ContentParts.Autoroute)) item.SetText(ContentParts.Autoroute, "Path", Path);
        if (Definition.Has(ContentParts.MarkdownBody)) item.SetText(ContentParts.MarkdownBody, "Markdown", Markdown);
        foreach (var field in Definition.Fields)
        {
            var (value, error) = FieldTypes.Parse(field, Fields.GetValueOrDefault(field.Name));
            if (error is not null) ModelState.AddModelError($"Fields[{field.Name}]", error);
            else item.SetField(field.Name, value);
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            var result = await contents.SaveAsync(item, publish, User.Identity?.Name, IsNew ? null : VersionId, ct);
            foreach (var (key, message) in result.Errors)
                ModelState.AddModelError(key is "Title" or "Path" or "Markdown" ? key : $"Fields[{key}]", message);
            if (!result.Succeeded) return Page();
            TempData.Success(publish || !Definition.Draftable ? $"「{result.Item!.DisplayText}」已发布。" : $"「{result.Item!.DisplayText}」已保存为草稿。");
            return RedirectToPage(new { id = result.Item.ContentItemId, type = (string?)null });
        }
        catch (ContentConflictException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
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
        MayPublish = await permissions.HasAsync(User, Permissions.PublishContent);
        return true;
    }
}
