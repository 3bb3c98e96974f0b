using Metrology.Core.Data;
using Metrology.Core.Modules;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Admin.Pages.Admin;

public sealed class IndexModel(TenantDbContext db, TenantContext tenant, ModuleCatalog catalog) : PageModel
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
