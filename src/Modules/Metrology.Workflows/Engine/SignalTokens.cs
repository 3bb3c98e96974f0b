using System.Security.Cryptography;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.DataProtection;

namespace Metrology.Workflows.Engine;

/// <summary>Signed tokens naming an instance and the signal activity it waits on; valid only in the tenant that made them.</summary>
public sealed class SignalTokens(IDataProtectionProvider protection, TenantContext tenant)
{
    private IDataProtector Protector => protection.CreateProtector("Metrology.Workflows.Signal", tenant.Tenant.Name);

    /// <summary>The URL, from the site root, that resumes the activity.</summary>
    public string UrlFor(string instanceId, string activityId)
    {
        var prefix = string.IsNullOrEmpty(tenant.Tenant.RequestUrlPrefix) ? "" : "/" + tenant.Tenant.RequestUrlPrefix;
        return $"{prefix}/workflows/signal/{Protector.Protect(instanceId + ":" + activityId)}";
    }

    public (string InstanceId, string ActivityId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = Protector.Unprotect(token).Split(':');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
