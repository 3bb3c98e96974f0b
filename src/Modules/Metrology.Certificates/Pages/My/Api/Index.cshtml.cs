using Metrology.Certificates.Models;
using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Certificates.Pages.My.Api;

/// <summary>数据接口: the enterprise's tokens for the read-only API — make one (shown once), revoke one.</summary>
[Permission("ViewOwnCertificates")]
public sealed class IndexModel(ApiTokens tokens) : EnterprisePage
{
    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The token just made: shown on this one answer only.</summary>
    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(Enterprise.Id, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (token, error) = await tokens.CreateAsync(Enterprise.Id, Name, ct);
        if (error is not null) ModelState.AddModelError("Name", error);
        else { NewToken = token; Name = null; }
        Response.Headers.CacheControl = "no-store";
        Tokens = await tokens.ListAsync(Enterprise.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        if (await tokens.RevokeAsync(Enterprise.Id, id, ct)) TempData.Success("令牌已撤销，使用它的请求将被拒绝。");
        return RedirectToPage();
    }
}
