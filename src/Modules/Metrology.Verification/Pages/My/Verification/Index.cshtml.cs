using Microsoft.AspNetCore.Mvc;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Verification.Pages.My.Verification;

/// <summary>在检器具: the enterprise's own instruments at the institute and where each stands (received, in verification, verified, waiting for payment, collected).</summary>
[Metrology.Core.Security.Permission("BookAppointments")]
public sealed class IndexModel(TenantDbContext db, VerificationResults results, SiteSettingsService site) : EnterprisePage
{
    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<VerificationTask> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, decimal> Owed { get; private set; } = new Dictionary<string, decimal>();
    public Pager Pager { get; private set; } = null!;
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = db.Set<VerificationTask>().AsNoTracking().Where(t => t.EnterpriseId == Enterprise.Id);
        Pager = new Pager(PageNumber, 30, await mine.CountAsync(ct), p => Url.Page("Index", new { p })!);
        Rows = await mine.OrderByDescending(t => t.ReceivedUtc).ThenBy(t => t.SerialNumber).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
        var owed = new Dictionary<string, decimal>();
        foreach (var id in Rows.Select(r => r.AppointmentId).Distinct()) owed[id] = await results.FeesOutstandingAsync(id, ct);
        Owed = owed;
        TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
    }
}
