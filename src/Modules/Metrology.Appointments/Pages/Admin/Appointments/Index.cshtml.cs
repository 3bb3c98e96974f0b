using Metrology.Appointments.Models;
using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments.Pages.Admin.Appointments;

/// <summary>
/// The institution's appointments (all institutions for those who manage every one): tabs by state, filter by kind and enterprise;
/// and the on-site visits of the coming days by day and lab (<c>?view=visits</c>).
/// </summary>
[Permission("ConfirmAppointments")]
public sealed class IndexModel(AppointmentDesk desk, IEnterpriseDirectory enterprises, IReferenceData reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public AppointmentState State { get; set; } = AppointmentState.Submitted;
    [BindProperty(SupportsGet = true)] public AppointmentKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public sealed record Row(AppointmentIndex Appointment, string Enterprise, string Institution);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<AppointmentState, int> Counts { get; private set; } = new Dictionary<AppointmentState, int>();
    public Pager Pager { get; private set; } = null!;
    public bool Visits => View == "visits";
    public bool Unassigned { get; private set; }
    public DateOnly Start { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Staff not yet assigned to an institution see an empty list and why, rather than an error.
        Unassigned = await desk.VisibleAsync(User, ct) is null;
        var visible = await desk.VisibleAsync(User, ct) ?? Enumerable.Empty<AppointmentIndex>().AsQueryable().Where(a => false);
        if (Unassigned) { Pager = new Pager(1, 30, 0, p => ""); Start = From ?? DateOnly.FromDateTime(clock.GetLocalNow().DateTime); return Page(); }
        if (!string.IsNullOrWhiteSpace(Enterprise)) { var ids = enterprises.IdsWhereNameContains(Enterprise.Trim()); visible = visible.Where(a => ids.Contains(a.EnterpriseId)); }
        // The counter finds a self-delivery by its number (or any appointment by its 委托单号).
        if (!string.IsNullOrWhiteSpace(Number)) { var n = Number.Trim(); visible = visible.Where(a => a.DeliveryNumber == n || a.Number == n); }
        if (Kind is { } k) visible = visible.Where(a => a.Kind == k);
        if (Visits)
        {
            Start = From ?? DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var end = Start.AddDays(14);
            Rows = await RowsAsync(await visible.Where(a => a.Kind == AppointmentKind.OnSite && a.State == AppointmentState.Confirmed && a.ConfirmedDate >= Start && a.ConfirmedDate < end)
                .OrderBy(a => a.ConfirmedDate).ThenBy(a => a.Discipline).Take(500).ToListAsync(ct), ct);
            return Page();
        }
        Counts = await visible.GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var q = string.IsNullOrWhiteSpace(Number) ? visible.Where(a => a.State == State) : visible;
        Pager = new Pager(PageNumber, 30, await q.CountAsync(ct), p => Url.Page("Index", new { state = State, kind = Kind, enterprise = Enterprise, p })!);
        Rows = await RowsAsync(await q.OrderBy(a => a.SubmittedUtc ?? a.CreatedUtc).ThenBy(a => a.ContentItemId).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct), ct);
        return Page();
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IReadOnlyList<AppointmentIndex> page, CancellationToken ct)
    {
        var owners = await enterprises.FindManyAsync(page.Select(a => a.EnterpriseId), ct);
        var institutions = (await reference.InstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
        return page.Select(a => new Row(a, owners.GetValueOrDefault(a.EnterpriseId)?.Name ?? "", institutions.GetValueOrDefault(a.InstitutionId) ?? "")).ToList();
    }
}
