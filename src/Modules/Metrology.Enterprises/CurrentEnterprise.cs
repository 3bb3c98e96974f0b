using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Workspaces;
using Metrology.Enterprises.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises;

/// <summary>The enterprise a signed-in user acts for (active accounts only), read once per request.</summary>
public sealed class CurrentEnterprise(TenantDbContext db) : IEnterpriseAccounts
{
    private (string? UserId, Enterprise? Enterprise)? _cached;

    public async Task<Enterprise?> OfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        if (_cached is { } c && c.UserId == userId) return c.Enterprise;
        var enterprise = await db.Set<Enterprise>().AsNoTracking()
            .FirstOrDefaultAsync(e => e.UserId == userId && e.Status == EnterpriseStatus.Active, ct);
        _cached = (userId, enterprise);
        return enterprise;
    }

    async Task<EnterpriseAccount?> IEnterpriseAccounts.OfAsync(ClaimsPrincipal user, CancellationToken ct) =>
        await OfAsync(user, ct) is { } e ? new EnterpriseAccount(e.Id, e.Name) : null;
}
