using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Security;

/// <summary>Requires a permission: <c>[Permission("ManageUsers")]</c> on a page or endpoint.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PermissionAttribute(string name) : AuthorizeAttribute(PolicyPrefix + name)
{
    public const string PolicyPrefix = "Permission:";
}

internal sealed record PermissionRequirement(string Name) : IAuthorizationRequirement;

internal sealed class PermissionHandler(PermissionService permissions) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var permission = await permissions.FindAsync(requirement.Name);
        if (permission is not null && await permissions.HasAsync(context.User, permission))
            context.Succeed(requirement);
    }
}

/// <summary>Turns "Permission:X" policy names into a requirement, without registering a policy per permission.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    /// <summary>
    /// A name always gives the same policy, so the authorization middleware may keep each endpoint's combined policy: the
    /// base class allows that only for itself, not for a subclass, and the policy was built again on every request.
    /// </summary>
    public override bool AllowsCachingPolicies => true;

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(PermissionAttribute.PolicyPrefix, StringComparison.Ordinal))
            return await base.GetPolicyAsync(policyName);
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(policyName[PermissionAttribute.PolicyPrefix.Length..]))
            .Build();
    }
}
