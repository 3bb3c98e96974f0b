using Metrology.Core.Admin;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Admin;

/// <summary>The back office's home and the site settings (name, logo, time zone, address, phone).</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "管理后台";
    public override bool AlwaysEnabled => true;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // The logo is public: it is on every page, and its URL changes when it changes.
        endpoints.MapGet("/site/logo", async (SiteSettingsService settings, HttpContext context) =>
        {
            var logo = await settings.GetLogoAsync();
            if (logo.Bytes.Length == 0) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=604800";
            return Results.File(logo.Bytes, logo.ContentType);
        });
        endpoints.MapGet("/favicon.ico", Favicon.AnswerAsync);
    }
}
