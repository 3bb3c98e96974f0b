using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises;

/// <summary>
/// The enterprises as other modules see them (<see cref="IEnterpriseDirectory"/>); the signed-in account's is read once per
/// request and kept between requests by <see cref="UserAccessCache"/> (an enterprise is an <see cref="IAccessRecord"/>: saving one empties it).
/// </summary>
public sealed class EnterpriseDirectory(TenantDbContext db, TenantContext tenant, UserAccessCache cache) : IEnterpriseDirectory
{
    private (string? UserId, EnterpriseInfo? Enterprise)? _cached;

    public async Task<EnterpriseInfo?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        if (_cached is { } c && c.UserId == userId) return c.Enterprise;
        var info = await cache.GetOrCreateAsync(tenant.Tenant.Name, "enterprise", userId, async () =>
            await Enterprises.FirstOrDefaultAsync(e => e.UserId == userId && e.Status == EnterpriseStatus.Active, ct) is { } e ? Info(e) : null);
        _cached = (userId, info);
        return info;
    }

    /// <summary>The signed-in account's active enterprise as the record, for this module's own pages.</summary>
    internal Task<Enterprise?> CurrentRecordAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? Enterprises.FirstOrDefaultAsync(e => e.UserId == userId && e.Status == EnterpriseStatus.Active, ct)
            : Task.FromResult<Enterprise?>(null);

    public async Task<EnterpriseInfo?> FindAsync(int id, CancellationToken ct = default) =>
        await Enterprises.FirstOrDefaultAsync(e => e.Id == id, ct) is { } e ? Info(e) : null;

    public async Task<EnterpriseInfo?> FindByMobileAsync(string mobile, CancellationToken ct = default) =>
        await Enterprises.Where(e => e.ContactMobile == mobile).OrderBy(e => e.Status == EnterpriseStatus.Returned).FirstOrDefaultAsync(ct) is { } e ? Info(e) : null;

    public async Task<IReadOnlyDictionary<int, EnterpriseInfo>> FindManyAsync(IEnumerable<int> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return (await Enterprises.Where(e => wanted.Contains(e.Id)).ToListAsync(ct)).ToDictionary(e => e.Id, Info);
    }

    public IQueryable<int> IdsWhereNameContains(string text) => Enterprises.Where(e => e.Name.Contains(text)).Select(e => e.Id);

    private IQueryable<Enterprise> Enterprises => db.Set<Enterprise>().AsNoTracking();

    private static EnterpriseInfo Info(Enterprise e) => new(e.Id, e.Name, e.CreditCode, e.ContactName, e.ContactMobile, e.Email, e.Address,
        e.RegionCode, e.DepartmentList, e.Status == EnterpriseStatus.Active);
}
