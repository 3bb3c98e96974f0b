using Metrology.Core.Modules;

namespace Metrology.Core.Tenants;

/// <summary>Keeps the contributions (menus, permissions, steps, jobs) of the tenant's enabled features.</summary>
public sealed class FeatureFilter(ModuleCatalog catalog, TenantContext tenant)
{
    public IEnumerable<T> Enabled<T>(IEnumerable<T> contributions) where T : notnull =>
        contributions.Where(c => tenant.IsEnabled(catalog.FeatureOfContribution(c)));
}
