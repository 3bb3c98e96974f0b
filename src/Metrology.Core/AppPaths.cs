using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Metrology.Core;

/// <summary>Where the host keeps its files.</summary>
public sealed class AppPaths(IOptions<MetrologyOptions> options, IWebHostEnvironment env)
{
    public string AppData { get; } = Path.GetFullPath(options.Value.AppData, env.ContentRootPath);

    public string Recipes { get; } = options.Value.RecipesPath is { Length: > 0 } p
        ? Path.GetFullPath(p, env.ContentRootPath)
        : Path.Combine(AppContext.BaseDirectory, "recipes");

    public string TenantFolder(TenantSettings tenant) => Path.Combine(AppData, "Sites", tenant.Name);

    public string SqliteFile(TenantSettings tenant) => Path.Combine(TenantFolder(tenant), "metrology.db");
}
