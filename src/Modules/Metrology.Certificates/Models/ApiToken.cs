namespace Metrology.Certificates.Models;

/// <summary>
/// A read-only API token of an enterprise (created and revoked on <c>/my/api</c>). Only the SHA-256 of the token is kept;
/// the token itself is shown once, when it is made.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the token (unique).</summary>
    public string Hash { get; set; } = "";

    /// <summary>The token's first characters, to tell tokens apart on the page.</summary>
    public string Hint { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
}
