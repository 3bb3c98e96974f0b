using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData;

/// <summary>
/// Which institution a staff user belongs to, and whether they may manage a given institution: all of
/// them with ManageInstitutions, only their own with ManageOwnInstitution. The institution is read once per user and kept in
/// the <see cref="UserAccessCache"/> (every staff page asks for it; a committed change of an assignment empties it).
/// </summary>
public sealed class StaffScope(TenantDbContext db, PermissionService permissions, UserAccessCache access, TenantContext tenant)
{
    public async Task<int?> InstitutionOfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        return await access.GetOrCreateAsync(tenant.Tenant.Name, "institution", id, async () =>
            (await db.Set<StaffAssignment>().AsNoTracking().FirstOrDefaultAsync(a => a.UserId == id, ct))?.InstitutionId);
    }

    public async Task<bool> MayManageAllAsync(ClaimsPrincipal user) =>
        await permissions.HasAsync(user, Permissions.ManageInstitutions);

    public async Task<bool> MayManageAsync(ClaimsPrincipal user, int institutionId, CancellationToken ct = default)
    {
        if (await MayManageAllAsync(user)) return true;
        return await permissions.HasAsync(user, Permissions.ManageOwnInstitution) && await InstitutionOfAsync(user, ct) == institutionId;
    }
}
