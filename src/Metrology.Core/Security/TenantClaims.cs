using System.Security.Claims;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Security;

/// <summary>Stamps the tenant into every principal, so a cookie of one tenant is worthless in another.</summary>
public sealed class TenantClaims(UserManager<User> users, RoleManager<Role> roles, IOptions<IdentityOptions> options, TenantContext tenant)
    : UserClaimsPrincipalFactory<User, Role>(users, roles, options)
{
    public const string Tenant = "metrology:tenant";
    public const string MustChangePassword = "metrology:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Tenant, tenant.Tenant.Name));
        if (!string.IsNullOrEmpty(user.DisplayName)) identity.AddClaim(new Claim("name", user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePassword, "true"));
        return identity;
    }
}
