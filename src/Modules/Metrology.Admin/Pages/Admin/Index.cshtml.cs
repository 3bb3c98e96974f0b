using Metrology.Core.Workspaces;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Admin.Pages.Admin;

/// <summary>工作台: what waits for this user's roles and institution, as the enabled features contribute it.</summary>
public sealed class IndexModel(WorkspaceService workspaces) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Workspace = await workspaces.ForStaffAsync(User, ct);
}
