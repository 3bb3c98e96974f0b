using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Security;

/// <summary>
/// What the signed-in user of this tenant may do, from the roles' claims: read once per scope, and kept between requests
/// by <see cref="UserAccessCache"/> (emptied when a user or role changes).
/// </summary>
public sealed class PermissionService(TenantDbContext db, TenantContext tenant, IEnumerable<IPermissionProvider> providers, FeatureFilter features,
    Content.ContentDefinitionStore definitions, UserAccessCache cache)
{
    private HashSet<string>? _granted;
    private bool _isAdministrator;

    /// <summary>Every permission of the tenant's enabled features, by category.</summary>
    public IReadOnlyList<Permission> All() => Declared().DistinctBy(p => p.Name).ToList();

    private IEnumerable<Permission> Declared() =>
        features.Enabled(providers).SelectMany(p => p.GetPermissions()).Append(StandardPermissions.AccessAdminPanel);

    /// <summary>
    /// The declared permissions by name, per set of enabled features: a tenant's set is the same instance on every request
    /// until its features change (<see cref="Modules.ModuleCatalog.EnabledBy"/>), and the providers declare fixed lists.
    /// Walking every module's list on each authorization check was ≈1% of a signed-in page's CPU.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlySet<string>, Dictionary<string, Permission>> DeclaredByFeatures = new();

    /// <summary>
    /// The permission of that name, as <see cref="AllAsync"/> has it, without building the list (an authorization check
    /// on every request did: ≈2% of a signed-in page's CPU).
    /// </summary>
    public async Task<Permission?> FindAsync(string name)
    {
        var declared = DeclaredByFeatures.GetValue(tenant.Features, _ => Declared().DistinctBy(p => p.Name).ToDictionary(p => p.Name)).GetValueOrDefault(name);
        if (declared is not null || tenant.Tenant.State != TenantState.Running) return declared;
        var types = await definitions.TypesAsync();
        return types.Where(t => t.Securable).SelectMany(Content.ContentPermissions.For).FirstOrDefault(p => p.Name == name);
    }

    /// <summary>Every permission, with those of the tenant's securable content types.</summary>
    public async Task<IReadOnlyList<Permission>> AllAsync()
    {
        var all = All().ToList();
        if (tenant.Tenant.State != TenantState.Running) return all;
        var types = await definitions.TypesAsync();
        all.AddRange(types.Where(t => t.Securable).SelectMany(Content.ContentPermissions.For));
        return all;
    }

    public async Task<bool> HasAsync(ClaimsPrincipal user, Permission permission)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(TenantClaims.Tenant) != tenant.Tenant.Name)
            return false;
        await LoadAsync(user);
        return _isAdministrator || _granted!.Contains(permission.Name) || permission.ImpliedBy.Any(p => _granted!.Contains(p.Name));
    }

    private sealed record Grants(bool IsAdministrator, HashSet<string> Granted);

    private async Task LoadAsync(ClaimsPrincipal user)
    {
        if (_granted is not null) return;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var grants = await cache.GetOrCreateAsync(tenant.Tenant.Name, "grants", userId, () => ReadAsync(userId));
        (_isAdministrator, _granted) = (grants.IsAdministrator, grants.Granted);
    }

    private async Task<Grants> ReadAsync(string userId)
    {
        // A disabled (or deleted) user keeps a cookie until it is re-validated, but no permission.
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsEnabled)) return new(false, []);
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { r.Id, r.Name })
            .ToListAsync();
        var roleIds = roles.Select(r => r.Id).ToList();
        var granted = (await db.RoleClaims
                .Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == Permission.ClaimType)
                .Select(c => c.ClaimValue!)
                .ToListAsync())
            .ToHashSet();
        return new(roles.Any(r => r.Name == StandardPermissions.AdministratorRole), granted);
    }
}
