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
        services.AddSingleton<DatabaseCheck>();
    }
}

internal sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageTenants = new("ManageTenants", "管理各地区站点（租户）", "租户管理");

    public IEnumerable<Permission> GetPermissions() => [ManageTenants];
}

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() =>
    [
        new("租户管理", "租户", "/admin/tenants", Permissions.ManageTenants, 100),
        new("租户管理", "租户概况", "/admin/tenants/dashboard", Permissions.ManageTenants, 110),
        new("租户管理", "操作日志", "/admin/tenants/audit", Permissions.ManageTenants, 120),
    ];
}
