using System.Security.Claims;

namespace Metrology.Core.Workspaces;

/// <summary>The enterprise a signed-in account acts for.</summary>
public sealed record EnterpriseAccount(int Id, string Name);

/// <summary>
/// Tells an enterprise's account from staff: given by the feature that owns enterprises, so other
/// features (portal links, login, instruments) ask Core instead of referencing that module.
/// </summary>
public interface IEnterpriseAccounts
{
    /// <summary>The active enterprise the user acts for, or null (staff, visitors, a pending registration).</summary>
    Task<EnterpriseAccount?> OfAsync(ClaimsPrincipal user, CancellationToken ct = default);
}
