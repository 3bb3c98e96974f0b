using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.ContentTypes;

[Permission("ManageContentTypes")]
public sealed class IndexModel(ContentDefinitionStore definitions) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? DisplayName { get; set; }

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Types = await definitions.TypesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Types = await definitions.TypesAsync(ct);
        var name = Name?.Trim() ?? "";
        if (Types.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))) ModelState.AddModelError(nameof(Name), $"类型「{name}」已存在。");
        if (!ModelState.IsValid) return Page();
        var type = new ContentTypeDefinition { Name = name, DisplayName = DisplayName?.Trim() ?? "", Parts = [ContentParts.Title] };
        var errors = await definitions.SaveAsync(type, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        if (errors.Count > 0) return Page();
        TempData.Success($"内容类型「{type.DisplayName}」已创建，请添加部件和字段。");
        return RedirectToPage("Edit", new { name });
    }
}
