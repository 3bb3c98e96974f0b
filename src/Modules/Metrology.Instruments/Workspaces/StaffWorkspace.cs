using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Core.Workspaces;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments.Workspaces;

/// <summary>Instruments filed with the staff member's institution (all for those who manage every one) whose valid-until falls within 30 days.</summary>
internal sealed class StaffWorkspace(TenantDbContext db, IReferenceData reference, PermissionService permissions, SiteSettingsService site, TimeProvider clock)
    : IStaffWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await permissions.HasAsync(user, Permissions.ViewInstruments)) return;
        var all = await reference.MayManageAllInstitutionsAsync(user);
        var own = await reference.InstitutionOfAsync(user, ct);
        if (!all && own is null) return;
        var today = DateOnly.FromDateTime((await site.GetAsync(ct)).Local(clock.GetUtcNow().UtcDateTime));
        var until = today.AddDays(EnterpriseWorkspace.DueDays);
        var q = StaffInstrumentList.ActiveRows(db).Where(i => i.Mandatory && i.ValidUntil >= today && i.ValidUntil <= until); // off IX_InstrumentIndex_Staff*
        if (!all) q = q.Where(i => i.FilingInstitutionId == own);
        workspace.Count($"{EnterpriseWorkspace.DueDays} 天内到期的强检器具", await q.CountAsync(ct), $"/admin/instruments?dueDays={EnterpriseWorkspace.DueDays}", 200, "本机构备案");
    }
}
