using Metrology.Core.Admin;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tenants;

/// <summary>The host administrator's pages for the regional institutes' tenants (Default tenant only).</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "租户管理";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddSingleton<SetupRuns>();
        services.AddSingleton<Metrology.Core.Data.IHostModelConfiguration, HostAuditModel>();
        services.AddSingleton<HostAudit>();
        services.AddSingleton<DatabaseCheck>();
    }
}
