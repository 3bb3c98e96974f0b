using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.ReferenceData.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData;

/// <summary>
/// Which institution a staff user belongs to, and whether they may manage a given institution: all of
/// them with ManageInstitutions, only their own with ManageOwnInstitution.
/// </summary>
public sealed class StaffScope(TenantDbContext db, PermissionService permissions)
{
    public async Task<int?> InstitutionOfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var assignment = await db.Set<StaffAssignment>().AsNoTracking().FirstOrDefaultAsync(a => a.UserId == id, ct);
        return assignment?.InstitutionId;
    }

    public async Task<bool> MayManageAllAsync(ClaimsPrincipal user) =>
        await permissions.HasAsync(user, Permissions.ManageInstitutions);

    public async Task<bool> MayManageAsync(ClaimsPrincipal user, int institutionId, CancellationToken ct = default)
    {
        if (await MayManageAllAsync(user)) return true;
        return await permissions.HasAsync(user, Permissions.ManageOwnInstitution) && await InstitutionOfAsync(user, ct) == institutionId;
    }
}
