using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Enterprises.Models;
using Metrology.Instruments.Models;
using Metrology.ReferenceData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments.Pages.Admin.Instruments;

/// <summary>
/// Staff's view across enterprises: the active instruments filed with the user's institution (all
/// institutions for those who manage every institution), by enterprise, catalog item and due date.
/// </summary>
[Permission("ViewInstruments")]
public sealed class IndexModel(TenantDbContext db, StaffScope scope, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true)] public string? Catalog { get; set; }
    [BindProperty(SupportsGet = true)] public int? DueDays { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public sealed record Row(InstrumentIndex Instrument, string EnterpriseName, string ContactMobile);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool AllInstitutions { get; private set; }

    /// <summary>Staff not yet assigned to an institution: the menu leads here, so the page says why it is empty rather than answering 403.</summary>
    public bool Unassigned { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        AllInstitutions = await scope.MayManageAllAsync(User);
        var own = await scope.InstitutionOfAsync(User, ct);
        if (!AllInstitutions && own is null)
        {
            Unassigned = true;
            Pager = new Pager(1, 30, 0, p => Url.Page("Index", new { p })!);
            return Page();
        }
        var q = db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.Active);
        if (!AllInstitutions) q = q.Where(i => i.FilingInstitutionId == own);
        if (!string.IsNullOrWhiteSpace(Catalog)) { var c = Catalog.Trim(); q = q.Where(i => i.CatalogCode == c); }
        if (DueDays is int days)
        {
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var until = today.AddDays(Math.Clamp(days, 0, 3650));
            q = q.Where(i => i.ValidUntil != null && i.ValidUntil <= until);
        }
        var rows = q.Join(db.Set<Enterprise>(), i => i.EnterpriseId, e => e.Id, (i, e) => new { i, e.Name, e.ContactMobile });
        if (!string.IsNullOrWhiteSpace(Enterprise)) { var n = Enterprise.Trim(); rows = rows.Where(r => r.Name.Contains(n)); }
        Pager = new Pager(PageNumber, 30, await rows.CountAsync(ct), p => Url.Page("Index", new { enterprise = Enterprise, catalog = Catalog, dueDays = DueDays, p })!);
        Rows = (await rows.OrderBy(r => r.i.ValidUntil == null).ThenBy(r => r.i.ValidUntil).ThenBy(r => r.i.ContentItemId)
            .Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct)).Select(r => new Row(r.i, r.Name, r.ContactMobile)).ToList();
        return Page();
    }
}
