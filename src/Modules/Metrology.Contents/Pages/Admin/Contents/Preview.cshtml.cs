using Metrology.Contents.Pages.Shared;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.Contents;

/// <summary>The latest version (a draft too) as the portal would show it.</summary>
[Permission("EditContent")]
public sealed class PreviewModel(ContentManager contents, ContentDefinitionStore definitions, ContentAccess access, ContentViews views) : PageModel
{
    public ContentView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var item = await contents.GetAsync(id, VersionOptions.Latest, ct);
        if (item is null || await definitions.FindAsync(item.ContentType, ct) is not { } type) return NotFound();
        if (!await access.MayEditAsync(User, type, item)) return Forbid();
        View = await views.BuildAsync(item, type, VersionOptions.Latest, ContentViews.PageOf(Request), ct);
        return Page();
    }
}
