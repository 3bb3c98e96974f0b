using Metrology.Excel;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.ReferenceData.Recipes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.ReferenceData;

/// <summary>The mandatory-verification catalog, administrative regions, and institutions with their departments.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "基础数据（强检目录、行政区域、检定机构）";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddXlsxLimits();
        services.AddSingleton<IModelConfiguration, ReferenceModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddSingleton<IPortalLinks, PortalLinks>();
        services.AddScoped<CatalogService>();
        services.AddScoped<CatalogSearch>();
        services.AddScoped<RegionService>();
        services.AddScoped<StaffScope>();
        services.AddScoped<Metrology.Core.Reference.IReferenceData, ReferenceDirectory>();
        services.AddScoped<IRecipeStepHandler, CatalogStep>();
        services.AddScoped<IRecipeStepHandler, RegionsStep>();
        services.AddScoped<IRecipeStepHandler, InstitutionsStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // Pickers: public reference data, as JSON for the type-ahead inputs of any form.
        var pickers = endpoints.MapGroup("/api/pickers");
        pickers.MapGet("/catalog", async (string? q, bool? verifiable, CatalogService catalog, CancellationToken ct) =>
            Results.Json((await catalog.SearchAsync(q, verifiable == true, 20, ct))
                .Select(i => new { code = i.Code, name = i.Name, marking = Models.Labels.Of(i.Marking) })));
        pickers.MapGet("/regions", async (string? q, RegionService regions, CancellationToken ct) =>
            Results.Json((await regions.SearchAsync(q, 20, ct)).Select(r => new { code = r.Code, name = r.Name })));
        pickers.MapGet("/institutions", async (string? q, TenantDbContext db, CancellationToken ct) =>
            Results.Json(await Institutions.SearchAsync(db, q, ct)));
    }
}

internal sealed class PortalLinks : IPortalLinks
{
    public Task<IEnumerable<PortalLink>> LinksAsync() => Task.FromResult<IEnumerable<PortalLink>>([new("强检目录查询", "/catalog", 50)]);
}
