using Metrology.Core.Data;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Admin.Pages.Admin.System;

/// <summary>系统信息: the site's enabled features and how many users and roles it has, for administrators.</summary>
[Permission("ManageSettings")]
public sealed class FeaturesModel(TenantDbContext db, TenantContext tenant, ModuleCatalog catalog) : PageModel
{
    public int Users { get; private set; }
    public int Roles { get; private set; }
    public IReadOnlyList<ModuleStartup> Features { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Users = await db.Users.CountAsync();
        Roles = await db.Roles.CountAsync();
        Features = catalog.Features.Where(f => tenant.IsEnabled(f.FeatureId)).ToList();
    }
}
