using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Metrology.Tenants.Pages.Admin.Tenants;

/// <summary>What the tenant pages share: the choices they offer and how rule breaks reach the fields.</summary>
internal static class TenantPages
{
    public static IReadOnlyList<ModuleStartup> OptionalFeatures(ModuleCatalog catalog) =>
        catalog.Features.Where(f => !f.AlwaysEnabled && f.GetType().Assembly != typeof(TenantPages).Assembly).ToList();

    public static IReadOnlyList<RecipeDescriptor> SetupRecipes(RecipeHarvester recipes) =>
        recipes.All().Where(r => r.IsSetupRecipe && r.Name != "default").ToList();

    public static void AddErrors(ModelStateDictionary state, IEnumerable<(string Field, string Message)> errors, string prefix = "Input.")
    {
        foreach (var (field, message) in errors) state.AddModelError(prefix + field, message);
    }

    /// <summary>Rule checks of a tenant's own fields, PostgreSQL needing a connection string.</summary>
    public static async Task CheckAsync(ModelStateDictionary state, TenantSettings settings, DatabaseCheck databases, TenantRegistry registry, bool checkDatabase, CancellationToken ct)
    {
        AddErrors(state, TenantValidator.Validate(settings, registry.All));
        if (!checkDatabase) return;
        if (settings.DatabaseProvider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            state.AddModelError("Input.ConnectionString", "请填写 PostgreSQL 连接字符串");
            return;
        }
        AddErrors(state, await databases.CheckAsync(settings, ct));
    }
}
