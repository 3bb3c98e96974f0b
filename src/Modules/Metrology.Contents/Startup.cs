using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Metrology.Contents;

/// <summary>Content types defined in the admin, items with versions, and their pages on the portal.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "内容管理";

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IPortalLinks, PageLinks>();
        services.AddScoped<CacheEviction>();
        services.AddScoped<IContentHandler>(sp => sp.GetRequiredService<CacheEviction>());
        services.AddScoped<IContentHandler, Indexes.ListIndex>();
        services.AddScoped<IContentHandler, Indexes.SearchIndex>();
        services.AddScoped<Indexes.ContentLists>();
        services.AddScoped<Indexes.ContentSearch>();
        services.AddScoped<ContentViews>();
        services.AddSingleton<Metrology.Core.Data.IModelConfiguration, Indexes.IndexModel>();
        services.AddSingleton<Metrology.Core.Data.DataMigration, Migrations>();
        services.TryAddSingleton<Metrology.Documents.PdfRenderer>();
        services.AddScoped<ContentAccess>();
        services.AddScoped<IRecipeStepHandler, Recipes.ContentDefinitionStep>();
        services.AddScoped<IRecipeStepHandler, Recipes.ContentStep>();
    }

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        // Media files are public, as the pages that show them are; documents that are not (registration
        // papers) never go to the media store.
        endpoints.MapGet("/media/{**path}", async (string path, IFileStore files, HttpContext http, CancellationToken ct) =>
        {
            Stream? stream;
            try { stream = await files.OpenReadAsync(path, ct); }
            catch (ArgumentException) { return Results.NotFound(); }
            if (stream is null) return Results.NotFound();
            var type = ContentTypes.TryGetContentType(path, out var t) ? t : "application/octet-stream";
            http.Response.Headers.CacheControl = "public, max-age=86400";
            var inline = type.StartsWith("image/", StringComparison.Ordinal) && type != "image/svg+xml" || type == "application/pdf";
            return Results.Stream(stream, type, inline ? null : Path.GetFileName(path), enableRangeProcessing: true);
        });
    }
}
