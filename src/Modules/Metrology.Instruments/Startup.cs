using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Instruments;

/// <summary>Enterprises' instrument libraries: records, the duplicate rule, deactivation, Excel import and export.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "器具库";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Contents", "Metrology.ReferenceData", "Metrology.Enterprises"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IModelConfiguration, InstrumentModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IPortalLinks, PortalLinks>();
        services.AddScoped<IContentHandler, InstrumentIndexHandler>();
        services.AddScoped<InstrumentLibrary>();
    }
}

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageOwnInstruments = new("ManageOwnInstruments", "管理本企业的器具库（新增、导入、停用）", "器具库");
    public static readonly Permission ViewInstruments = new("ViewInstruments", "查看各企业在本机构备案的器具", "器具库");

    public IEnumerable<Permission> GetPermissions() => [ManageOwnInstruments, ViewInstruments];
}

internal sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items() => [new("企业与器具", "器具", "/admin/instruments", Permissions.ViewInstruments, 310)];
}

/// <summary>"我的器具" in the portal's navigation, for an enterprise's account.</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, PermissionService permissions) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await permissions.HasAsync(user, Permissions.ManageOwnInstruments)
            ? [new PortalLink("我的器具", "/my/instruments", 5)]
            : [];
}
