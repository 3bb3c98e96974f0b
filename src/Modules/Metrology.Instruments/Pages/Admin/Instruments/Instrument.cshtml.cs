using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Instruments.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments.Pages.Admin.Instruments;

/// <summary>One instrument for staff: what it is, whose, and its cycles from every feature (备案, 约检, 接收, 检定, 结论, 有效期至).</summary>
[Permission("ViewInstruments")]
public sealed class InstrumentModel(TenantDbContext db, IReferenceData reference, IEnterpriseDirectory enterprises, InstrumentHistory history, SiteSettingsService site) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public InstrumentIndex Instrument { get; private set; } = null!;
    public EnterpriseInfo? Owner { get; private set; }
    public IReadOnlyList<InstrumentHistoryEntry> History { get; private set; } = [];
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var q = db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.ContentItemId == Id);
        if (!await reference.MayManageAllInstitutionsAsync(User))
        {
            var own = await reference.InstitutionOfAsync(User, ct);
            q = q.Where(i => own != null && i.FilingInstitutionId == own);
        }
        if (await q.FirstOrDefaultAsync(ct) is not { } instrument) return NotFound();
        Instrument = instrument;
        Owner = await enterprises.FindAsync(instrument.EnterpriseId, ct);
        History = await history.ForAsync(Id, true, ct);
        TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
        return Page();
    }
}
