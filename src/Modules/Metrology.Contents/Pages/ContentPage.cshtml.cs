using System.Net;
using Metrology.Contents.Pages.Shared;
using Metrology.Core.Content;
using Metrology.Documents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Metrology.Core.Web;

namespace Metrology.Contents.Pages;

/// <summary>A published item with a URL, as a page of the portal; an old URL redirects to the current one.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.Policy)]
public sealed class ContentPageModel(ContentManager contents, ContentDefinitionStore definitions, ContentAccess access, ContentViews views) : PageModel
{
    public ContentView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string path, CancellationToken ct) => await LoadAsync(path, ct) ?? Page();

    /// <summary>The item as a printable PDF (a form staff keep as text, such as an authorisation letter).</summary>
    public async Task<IActionResult> OnGetPdfAsync(string path, [FromServices] PdfRenderer pdf, CancellationToken ct)
    {
        if (await LoadAsync(path, ct) is { } answer) return answer;
        var html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + PrintStyles.Css + "</style></head><body>"
            + "<h1 style=\"text-align:center\">" + WebUtility.HtmlEncode(View.Item.DisplayText) + "</h1>" + View.BodyHtml + "</body></html>";
        try
        {
            var bytes = await pdf.RenderHtmlAsync(html, ct: ct);
            return File(bytes, "application/pdf", (View.Item.DisplayText ?? "document") + ".pdf");
        }
        catch (PdfUnavailableException e)
        {
            return StatusCode(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    /// <summary>Null when the item is found (and <see cref="View"/> is set), else the answer to give.</summary>
    private async Task<IActionResult?> LoadAsync(string path, CancellationToken ct)
    {
        var normalized = ContentPaths.Normalize(path);
        if (normalized is null) return NotFound();
        var item = await contents.GetByPathAsync(normalized, ct);
        if (item is null)
        {
            var moved = await contents.RedirectOfAsync(normalized, ct);
            // Escaped segment by segment: a Location header carries ASCII only.
            return moved is null ? NotFound() : RedirectPermanent(Url.Content("~/" + string.Join('/', moved.Split('/').Select(Uri.EscapeDataString))));
        }
        var type = await definitions.FindAsync(item.ContentType, ct);
        if (type is null) return NotFound();
        if (!await access.MayViewAsync(User, type)) return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        View = await views.BuildAsync(item, type, VersionOptions.Published, ContentViews.PageOf(Request), ct);
        return null;
    }
}
