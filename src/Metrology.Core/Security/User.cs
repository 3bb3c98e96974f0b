using Microsoft.AspNetCore.Identity;

namespace Metrology.Core.Security;

/// <summary>A user of one tenant: staff, administrator or an enterprise's contact.</summary>
public sealed class User : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>Disabled users cannot sign in; their history stays.</summary>
    public bool IsEnabled { get; set; } = true;

    /// <summary>Set when the password was given by someone else (an initial password sent by SMS).</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// Set by too many consecutive failed sign-ins: unlike Identity's timed lockout (<c>LockoutEnd</c>)
    /// it lasts until the password is reset (by SMS code, or by an administrator).
    /// </summary>
    public bool LockedUntilReset { get; set; }

    public DateTime CreatedUtc { get; set; }
}

public sealed class Role : IdentityRole
{
    public Role() { }

    public Role(string name) : base(name) { }

    public string? Description { get; set; }
}
