using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Reminders.Pages.Admin.Reminders;

/// <summary>逾期未检: the enterprises with instruments past valid-until and not booked, by enterprise, filtered by name and region; the instruments of one; xlsx; 立即提醒.</summary>
[Permission("FollowUpOverdue")]
public sealed class IndexModel(OverdueDesk desk, ReminderService reminders, IInstrumentRecords instruments, IEnterpriseDirectory enterprises, IReferenceData reference) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? EnterpriseId { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public sealed record Row(DueGroup Group, EnterpriseInfo? Enterprise);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<InstrumentSummary> Instruments { get; private set; } = [];
    public int InstrumentTotal { get; private set; }
    public EnterpriseInfo? Selected { get; private set; }
    public IReadOnlyDictionary<string, string> Regions { get; private set; } = new Dictionary<string, string>();
    public Pager Pager { get; private set; } = new(1, 30, 0, _ => "");
    public bool Unassigned { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Regions = (await reference.RegionCodesAsync(ct)).ToDictionary(r => r.Code, r => r.Name);
        Today = DateOnly.FromDateTime(await reminders.LocalNowAsync(ct));
        var (allowed, institution) = await desk.ScopeAsync(User, ct);
        if (!allowed) { Unassigned = true; return Page(); }
        var search = await desk.SearchAsync(institution, Enterprise, Region, null, ct);
        var (groups, total) = await instruments.DueByEnterpriseAsync(search, (Math.Max(PageNumber, 1) - 1) * 30, 30, ct);
        Pager = new Pager(PageNumber, 30, total, p => Url.Page("Index", new { enterprise = Enterprise, region = Region, p })!);
        var owners = await enterprises.FindManyAsync(groups.Select(g => g.EnterpriseId), ct);
        Rows = groups.Select(g => new Row(g, owners.GetValueOrDefault(g.EnterpriseId))).ToList();
        if (EnterpriseId is { } id)
        {
            (Instruments, InstrumentTotal) = await instruments.DueAsync(search with { EnterpriseId = id }, 0, 200, ct);
            Selected = await enterprises.FindAsync(id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var (allowed, institution) = await desk.ScopeAsync(User, ct);
        if (!allowed) return Forbid();
        var bytes = await desk.ExportAsync(await desk.SearchAsync(institution, Enterprise, Region, EnterpriseId, ct), ct);
        return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "逾期未检器具.xlsx");
    }

    /// <summary>立即提醒: only an enterprise with overdue instruments in the user's scope.</summary>
    public async Task<IActionResult> OnPostSendAsync(int enterpriseId, CancellationToken ct)
    {
        var (allowed, institution) = await desk.ScopeAsync(User, ct);
        if (!allowed) return Forbid();
        var problem = await reminders.SendNowAsync(enterpriseId, institution, ct);
        if (problem is null) TempData.Success("已向该企业发送逾期提醒。");
        else TempData.Error(problem);
        return RedirectToPage(new { enterprise = Enterprise, region = Region, enterpriseId = EnterpriseId, p = PageNumber });
    }

    public string RegionName(string? code) => code is null ? "" : Regions.GetValueOrDefault(code, code);
}
