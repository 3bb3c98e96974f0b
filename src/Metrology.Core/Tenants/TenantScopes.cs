using Metrology.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Tenants;

/// <summary>Creates service scopes that belong to a tenant, for work outside a request.</summary>
public sealed class TenantScopes(IServiceScopeFactory scopes, ModuleCatalog catalog)
{
    public AsyncServiceScope Create(TenantSettings tenant)
    {
        var scope = scopes.CreateAsyncScope();
        Enter(scope.ServiceProvider, tenant);
        return scope;
    }

    /// <summary>Binds a fresh scope to <paramref name="tenant"/>.</summary>
    public void Enter(IServiceProvider services, TenantSettings tenant)
    {
        var context = services.GetRequiredService<TenantContext>();
        context.Tenant = tenant;
        context.Features = catalog.EnabledBy(tenant.Features);
    }

    public async Task RunAsync(TenantSettings tenant, Func<IServiceProvider, Task> work)
    {
        await using var scope = Create(tenant);
        await work(scope.ServiceProvider);
    }
}
