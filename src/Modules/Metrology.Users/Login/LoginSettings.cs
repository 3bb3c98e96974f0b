namespace Metrology.Users.Login;

/// <summary>
/// The login rules of a tenant (a document), after seed 004 FAQ 2: a cooling-off period after a few
/// consecutive failures, and a lock that only a password reset lifts after more.
/// </summary>
public sealed record LoginSettings
{
    /// <summary>Consecutive failures that start a cooling-off period.</summary>
    public int CoolingOffAfter { get; init; } = 5;

    public int CoolingOffMinutes { get; init; } = 15;

    /// <summary>Consecutive failures that lock the account until the password is reset.</summary>
    public int LockAfter { get; init; } = 10;

    /// <summary>Reset codes sent to one number within an hour.</summary>
    public int CodesPerHour { get; init; } = 5;

    /// <summary>How long a reset code stays valid, and how many wrong entries it survives.</summary>
    public const int CodeMinutes = 10;
    public const int CodeAttempts = 5;

    /// <summary>Seconds before another code may be sent to the same number.</summary>
    public const int ResendSeconds = 60;
}
