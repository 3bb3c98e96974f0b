using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Users;

/// <summary>Sign in and out, own password, and the back office's users and roles.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "用户与角色";
    public override bool AlwaysEnabled => true;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IModelConfiguration, Login.UsersModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddScoped<Login.LoginRules>();
        services.AddScoped<Login.PasswordReset>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddSingleton<Metrology.Core.Tenants.ITenantStatistic>(new Metrology.Core.Tenants.TenantCount<User>("用户", u => true));
    }
}
