using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Admin.Institutions;

[Permission("ManageOwnInstitution")]
public sealed class IndexModel(TenantDbContext db, StaffScope scope) : PageModel
{
    public sealed record Row(Institution Institution, int Departments, int Regions, int Capabilities, int Staff);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool MayManageAll { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayManageAll = await scope.MayManageAllAsync(User);
        var own = await scope.InstitutionOfAsync(User, ct);
        var query = db.Set<Institution>().AsNoTracking();
        if (!MayManageAll) query = query.Where(i => i.Id == own);
        Rows = await query.OrderBy(i => i.Name).Select(i => new Row(i,
                db.Set<Department>().Count(d => d.InstitutionId == i.Id),
                db.Set<InstitutionRegion>().Count(r => r.InstitutionId == i.Id),
                db.Set<InstitutionCapability>().Count(c => c.InstitutionId == i.Id),
                db.Set<StaffAssignment>().Count(s => s.InstitutionId == i.Id)))
            .ToListAsync(ct);
    }
}
