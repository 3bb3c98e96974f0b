using System.Security.Cryptography;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.DataProtection;

namespace Metrology.Notifications;

/// <summary>
/// Encrypts the credentials kept in the settings documents (AccessKey secret, gateway token, SMTP
/// password) with ASP.NET Core data protection. The purpose names the tenant, so one tenant's
/// ciphertext copied into another tenant's settings does not decrypt.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider, TenantContext tenant)
{
    private IDataProtector Protector => provider.CreateProtector("Metrology.Notifications.Secrets", tenant.Tenant.Name);

    public string? Protect(string? secret) => string.IsNullOrEmpty(secret) ? null : Protector.Protect(secret);

    /// <summary>The secret, or null when none is stored or it no longer decrypts (keys lost, another tenant's value).</summary>
    public string? Unprotect(string? protectedSecret)
    {
        if (string.IsNullOrEmpty(protectedSecret)) return null;
        try
        {
            return Protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
