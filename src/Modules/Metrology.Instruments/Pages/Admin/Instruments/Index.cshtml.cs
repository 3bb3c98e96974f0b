using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Instruments.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments.Pages.Admin.Instruments;

/// <summary>
/// Staff's view across enterprises: the active instruments filed with the user's institution (all
/// institutions for those who manage every institution), by enterprise, catalog item and due date.
/// </summary>
[Permission("ViewInstruments")]
public sealed class IndexModel(TenantDbContext db, IReferenceData reference, IEnterpriseDirectory enterprises, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true)] public string? Catalog { get; set; }
    [BindProperty(SupportsGet = true)] public int? DueDays { get; set; }
    // Keyset paging (StaffInstrumentList): where the page starts; "p" is only the number shown, "n" the count the first page took.
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }
    [BindProperty(SupportsGet = true)] public bool Last { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int? PageNumber { get; set; }
    [BindProperty(Name = "n", SupportsGet = true)] public int? CarriedCount { get; set; }

    private const int PageSize = 30;

    public sealed record Row(InstrumentIndex Instrument, string EnterpriseName, string ContactMobile);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public KeysetPager Pager { get; private set; } = null!;
    public bool AllInstitutions { get; private set; }

    /// <summary>Staff not yet assigned to an institution: the menu leads here, so the page says why it is empty rather than answering 403.</summary>
    public bool Unassigned { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        AllInstitutions = await reference.MayManageAllInstitutionsAsync(User);
        var own = await reference.InstitutionOfAsync(User, ct);
        if (!AllInstitutions && own is null)
        {
            Unassigned = true;
            Pager = new KeysetPager(1, 0, false, null, null, null, null);
            return Page();
        }
        var q = StaffInstrumentList.ActiveRows(db);
        if (!AllInstitutions) q = q.Where(i => i.FilingInstitutionId == own);
        if (!string.IsNullOrWhiteSpace(Catalog)) { var c = Catalog.Trim(); q = q.Where(i => i.CatalogCode == c); }
        if (DueDays is int days)
        {
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var until = today.AddDays(Math.Clamp(days, 0, 3650));
            q = q.Where(i => i.ValidUntil != null && i.ValidUntil <= until);
        }
        if (!string.IsNullOrWhiteSpace(Enterprise)) { var ids = enterprises.IdsWhereNameContains(Enterprise.Trim()); q = q.Where(i => ids.Contains(i.EnterpriseId)); }
        var at = new LibraryCursor(After, Before, Last, CarriedCount);
        var result = await StaffInstrumentList.PageAsync(q, at, PageSize, ct);
        var page = result.Rows;
        var list = QueryString.Create(new Dictionary<string, string?>
        {
            ["enterprise"] = Enterprise, ["catalog"] = Catalog, ["dueDays"] = DueDays?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));
        var here = Url.Page("Index");
        Pager = result.Pager(at, PageNumber, PageSize, (c, n) => here + LibraryPage.Query(list, c, n));
        var owners = await enterprises.FindManyAsync(page.Select(i => i.EnterpriseId), ct);
        Rows = page.Select(i => new Row(i, owners.GetValueOrDefault(i.EnterpriseId)?.Name ?? "", owners.GetValueOrDefault(i.EnterpriseId)?.ContactMobile ?? "")).ToList();
        return Page();
    }
}
