using Metrology.Excel;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Instruments;

/// <summary>Enterprises' instrument libraries: records, the duplicate rule, deactivation, Excel import and export.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "器具库";

    public override IReadOnlyList<string> Dependencies => ["Metrology.Contents", "Metrology.ReferenceData", "Metrology.Enterprises"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<Metrology.Core.Tenants.ITenantStatistic>(new Metrology.Core.Tenants.TenantCount<Models.InstrumentIndex>("器具", i => i.Active));
        services.AddXlsxLimits();
        services.AddSingleton<IModelConfiguration, InstrumentModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IPortalLinks, PortalLinks>();
        services.AddScoped<IEnterpriseWorkspaceContributor, Workspaces.EnterpriseWorkspace>();
        services.AddScoped<IStaffWorkspaceContributor, Workspaces.StaffWorkspace>();
        services.AddScoped<IContentHandler, InstrumentIndexHandler>();
        services.AddScoped<ImportedInstruments>();
        services.AddScoped<InstrumentHistory>();
        services.AddScoped<InstrumentLibrary>();
        services.AddScoped<IInstrumentRecords, InstrumentRecords>();
        services.AddScoped<Metrology.Core.Recipes.IRecipeStepHandler, Recipes.InstrumentsStep>();
        services.AddSingleton<Import.ImportJobs>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        // The template holds the tenant's reference codes and no enterprise's data: the portal's download page offers it to anyone.
        endpoints.MapGet("/instruments/template.xlsx", async (InstrumentLibrary library, CancellationToken ct) =>
            Results.File(await library.TemplateAsync(ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "强检器具导入模板.xlsx"));
}

/// <summary>"我的器具" in the portal's navigation, for an enterprise's account only (staff holding the permission would get a 403).</summary>
internal sealed class PortalLinks(IHttpContextAccessor http, PermissionService permissions, WorkspaceService workspaces) : IPortalLinks
{
    public async Task<IEnumerable<PortalLink>> LinksAsync() =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user && await workspaces.EnterpriseOfAsync(user) is not null
            && await permissions.HasAsync(user, Permissions.ManageOwnInstruments)
            ? [new PortalLink("我的器具", "/my/instruments", 5)]
            : [];
}
