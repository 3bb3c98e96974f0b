namespace Metrology.Users.Login;

/// <summary>
/// One SMS code sent to reset a password. Only a salted hash of the code is kept. A request for a number
/// without an account is recorded too (with no user), so the send limits answer the same for every number.
/// </summary>
public sealed class PasswordResetCode
{
    public int Id { get; set; }

    /// <summary>The mobile number as entered, in its 11-digit form.</summary>
    public string Mobile { get; set; } = "";

    /// <summary>The account the code resets; null when no account has that number.</summary>
    public string? UserId { get; set; }

    public string CodeHash { get; set; } = "";
    public string Salt { get; set; } = "";
    public int FailedAttempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }

    /// <summary>Set when the code has been used, or replaced by a newer one.</summary>
    public DateTime? ClosedUtc { get; set; }
}
