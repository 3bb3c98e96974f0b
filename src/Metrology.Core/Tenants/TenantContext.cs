namespace Metrology.Core.Tenants;

/// <summary>The tenant of the current scope (a request, a job, a setup). Set once, first thing.</summary>
public sealed class TenantContext
{
    private TenantSettings? _tenant;

    public TenantSettings Tenant
    {
        get => _tenant ?? throw new InvalidOperationException("当前作用域没有租户。");
        set => _tenant = _tenant is null || _tenant.Name == value.Name
            ? value
            : throw new InvalidOperationException("作用域的租户不能更改。");
    }

    public bool HasTenant => _tenant is not null;

    /// <summary>Enabled features of the tenant, always-enabled and dependencies included.</summary>
    public IReadOnlySet<string> Features { get; set; } = new HashSet<string>();

    public bool IsEnabled(string? featureId) => featureId is null || Features.Contains(featureId);
}
