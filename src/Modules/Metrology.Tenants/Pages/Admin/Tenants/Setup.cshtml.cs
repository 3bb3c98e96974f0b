using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Setup;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Tenants.Pages.Admin.Tenants;

/// <summary>A tenant's setup: its progress while it runs, its outcome, and a form to run it again after a failure.</summary>
[Permission("ManageTenants")]
public sealed class SetupModel(TenantRegistry registry, SetupRuns runs, RecipeHarvester recipes) : HostPageModel
{
    [BindProperty] public SetupInput Setup { get; set; } = new();

    public TenantSettings Tenant { get; private set; } = null!;
    public SetupRun? Run { get; private set; }
    public IReadOnlyList<RecipeDescriptor> Recipes { get; private set; } = [];

    public bool Running => Run is { Done: false };

    public IActionResult OnGet(string name)
    {
        if (!Load(name)) return NotFound();
        Setup.Recipe = Tenant.RecipeName ?? Recipes.FirstOrDefault()?.Name ?? "";
        return Page();
    }

    public IActionResult OnPost(string name)
    {
        if (!Load(name)) return NotFound();
        if (Tenant.State != TenantState.Uninitialized || Running) return RedirectToPage(new { name });
        TenantPages.AddErrors(ModelState, Setup.Check(Recipes.Select(r => r.Name)), "");
        if (!ModelState.IsValid) return Page();
        runs.Start(Tenant, new SetupRequest(Setup.SiteName.Trim(), Setup.Recipe, Setup.AdminUserName.Trim(), Setup.AdminEmail.Trim(), Setup.AdminPassword), UserName);
        return RedirectToPage(new { name });
    }

    private bool Load(string name)
    {
        var tenant = registry.Find(name);
        if (tenant is null || tenant.IsDefault) return false;
        Tenant = tenant;
        Run = runs.Find(name);
        Recipes = TenantPages.SetupRecipes(recipes);
        return true;
    }
}
