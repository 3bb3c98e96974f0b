namespace Metrology.Core.Security;

/// <summary>
/// A right a module declares (a static object) and administrators grant to roles.
/// A role holding one of <see cref="ImpliedBy"/> holds this one too.
/// </summary>
public sealed record Permission(string Name, string Description, string Category, params Permission[] ImpliedBy)
{
    public const string ClaimType = "Permission";
}

/// <summary>The permissions a feature declares.</summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> GetPermissions();
}

/// <summary>The framework's own permissions.</summary>
public static class StandardPermissions
{
    /// <summary>The role that holds every permission; it cannot lose them.</summary>
    public const string AdministratorRole = "Administrator";

    /// <summary>How a role is named on pages: the administrators' role keeps its stored name, people read 系统管理员.</summary>
    public static string RoleDisplayName(string? role) => role == AdministratorRole ? "系统管理员" : role ?? "";

    public static readonly Permission AccessAdminPanel = new("AccessAdminPanel", "进入后台", "后台");
}
