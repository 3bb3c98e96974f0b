using Metrology.Core.Admin;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Tenants.Pages.Admin.Tenants;

[Permission("ManageTenants")]
public sealed class EditModel(TenantRegistry registry, TenantManager manager, ModuleCatalog catalog, HostAudit audit) : HostPageModel
{
    [BindProperty] public TenantInput Input { get; set; } = new();

    public IReadOnlyList<ModuleStartup> Features { get; private set; } = [];
    public TenantSettings Tenant { get; private set; } = null!;
    public bool DatabaseEditable => Tenant.State == TenantState.Uninitialized;

    public IActionResult OnGet(string name)
    {
        if (!Load(name)) return NotFound();
        Input = TenantInput.From(Tenant);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name, [FromServices] DatabaseCheck databases, CancellationToken ct)
    {
        if (!Load(name)) return NotFound();
        Input.Name = Tenant.Name;
        var settings = Input.ToSettings();
        var databaseChanged = DatabaseEditable && (settings.DatabaseProvider != Tenant.DatabaseProvider
            || settings.ConnectionString != Tenant.ConnectionString || settings.Schema != Tenant.Schema);
        if (!DatabaseEditable)
        {
            Input.DatabaseProvider = Tenant.DatabaseProvider;
            Input.ConnectionString = Tenant.ConnectionString;
            Input.Schema = Tenant.Schema;
        }
        await TenantPages.CheckAsync(ModelState, settings, databases, registry, databaseChanged && ModelState.IsValid, ct);
        if (!ModelState.IsValid) return Page();
        try
        {
            await manager.UpdateAsync(settings, ct);
        }
        catch (TenantValidationException e)
        {
            TenantPages.AddErrors(ModelState, e.Errors);
            return Page();
        }
        await audit.LogAsync(UserName, "修改", Tenant.Name, true, null, ct);
        TempData.Success($"租户 {Tenant.Name} 已保存。");
        return RedirectToPage("Index");
    }

    private bool Load(string name)
    {
        var tenant = registry.Find(name);
        if (tenant is null || tenant.IsDefault) return false;
        Tenant = tenant;
        Features = TenantPages.OptionalFeatures(catalog);
        return true;
    }
}
