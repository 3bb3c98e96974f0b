using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Setup;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Tenants.Pages.Admin.Tenants;

[Permission("ManageTenants")]
public sealed class CreateModel(
    TenantRegistry registry, TenantManager manager, ModuleCatalog catalog, RecipeHarvester recipes,
    HostAudit audit) : HostPageModel
{
    [BindProperty] public TenantInput Input { get; set; } = new();
    [BindProperty] public SetupInput Setup { get; set; } = new();

    public IReadOnlyList<ModuleStartup> Features { get; private set; } = [];
    public IReadOnlyList<RecipeDescriptor> Recipes { get; private set; } = [];

    public void OnGet()
    {
        Load();
        Input.DatabaseProvider = registry.Default.DatabaseProvider;
        Input.ConnectionString = registry.Default.DatabaseProvider == DatabaseProvider.Postgres ? registry.Default.ConnectionString : null;
        Setup.Recipe = Recipes.FirstOrDefault()?.Name ?? "";
    }

    public async Task<IActionResult> OnPostAsync([FromServices] DatabaseCheck databases, [FromServices] SetupRuns runs, CancellationToken ct)
    {
        Load();
        var settings = Input.ToSettings();
        if (registry.Find(settings.Name) is not null) ModelState.AddModelError("Input.Name", $"租户 “{settings.Name}” 已存在。");
        await TenantPages.CheckAsync(ModelState, settings, databases, registry, ModelState.IsValid, ct);
        TenantPages.AddErrors(ModelState, Setup.Check(Recipes.Select(r => r.Name)), "");
        if (!ModelState.IsValid)
        {
            await audit.LogAsync(UserName, "创建", settings.Name, false, string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)), ct);
            return Page();
        }

        var tenant = await manager.CreateAsync(settings, ct);
        await audit.LogAsync(UserName, "创建", tenant.Name, true, null, ct);
        runs.Start(tenant, new SetupRequest(Setup.SiteName.Trim(), Setup.Recipe, Setup.AdminUserName.Trim(), Setup.AdminEmail.Trim(), Setup.AdminPassword), UserName);
        return RedirectToPage("Setup", new { name = tenant.Name });
    }

    private void Load()
    {
        Features = TenantPages.OptionalFeatures(catalog);
        Recipes = TenantPages.SetupRecipes(recipes);
    }
}
