using Metrology.Contents.Pages.Shared;
using Metrology.Core.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages;

/// <summary>A published item with a URL, as a page of the portal; an old URL redirects to the current one.</summary>
[AllowAnonymous]
public sealed class ContentPageModel(ContentManager contents, ContentDefinitionStore definitions) : PageModel
{
    public ContentView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string path, CancellationToken ct)
    {
        var normalized = ContentPaths.Normalize(path);
        if (normalized is null) return NotFound();
        var item = await contents.GetByPathAsync(normalized, ct);
        if (item is null)
        {
            var moved = await contents.RedirectOfAsync(normalized, ct);
            return moved is null ? NotFound() : RedirectPermanent(Url.Content("~/" + moved));
        }
        var type = await definitions.FindAsync(item.ContentType, ct);
        if (type is null) return NotFound();
        View = new ContentView(item, type);
        return Page();
    }
}
