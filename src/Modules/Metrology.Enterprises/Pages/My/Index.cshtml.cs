using Metrology.Core.Settings;
using Metrology.Core.Workspaces;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Enterprises.Pages.My;

/// <summary>
/// 我的工作台: where an enterprise lands after login. Its name and review state, then what the enabled
/// features contribute (counts, to-dos, messages) and where it stands in the process.
/// </summary>
[Authorize]
public sealed class IndexModel(EnterpriseDirectory current, WorkspaceService workspaces, SiteSettingsService site) : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;
    public Workspace Workspace { get; private set; } = null!;
    public SiteSettings Site { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await current.CurrentRecordAsync(User, ct) is not { } enterprise) return Forbid();
        Enterprise = enterprise;
        Workspace = await workspaces.ForEnterpriseAsync(enterprise.Id, ct);
        Site = await site.GetAsync(ct);
        return Page();
    }
}
