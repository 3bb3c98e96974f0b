using System.Text.Json;
using Metrology.Core.Modules;
using Metrology.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Recipes;

/// <summary><c>{ "name": "Feature", "enable": ["Metrology.Users"] }</c>: enables features and migrates their tables.</summary>
internal sealed class FeatureStep(ModuleCatalog catalog, TenantContext tenant, TenantMigrator migrator) : IRecipeStepHandler
{
    public string Name => "Feature";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var ids = new List<string>();
        if (context.Step.TryGetProperty("enable", out var enable))
        {
            foreach (var item in enable.EnumerateArray())
            {
                var id = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
                var feature = catalog.Find(id) ?? throw new RecipeStepException($"功能 “{id}” 不存在。");
                ids.Add(feature.FeatureId);
            }
        }
        var settings = tenant.Tenant;
        var all = settings.FeatureList.Union(ids, StringComparer.OrdinalIgnoreCase).ToList();
        settings.Features = string.Join(',', all);
        tenant.Features = catalog.Closure(all);
        await migrator.MigrateAsync();
    }
}
