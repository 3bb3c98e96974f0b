using Metrology.Appointments.Models;
using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments.Pages.My.Appointments;

/// <summary>量值溯源: the enterprise's appointments by state, and a new one (自助送检 / 预约送检 / 预约现场检定, as the tenant offers).</summary>
[Permission("BookAppointments")]
public sealed class IndexModel(AppointmentService appointments, IReferenceData reference) : EnterprisePage
{
    [BindProperty(SupportsGet = true)] public AppointmentState? State { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [BindProperty] public AppointmentKind Kind { get; set; }
    [BindProperty] public int InstitutionId { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? PreferredDates { get; set; }

    public IReadOnlyList<AppointmentIndex> Rows { get; private set; } = [];
    public IReadOnlyDictionary<AppointmentState, int> Counts { get; private set; } = new Dictionary<AppointmentState, int>();
    public IReadOnlyList<InstitutionEntry> Institutions { get; private set; } = [];
    public AppointmentSettings Settings { get; private set; } = new();
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Address ??= Enterprise.Address;
        ContactName ??= Enterprise.ContactName;
        ContactPhone ??= Enterprise.ContactMobile;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (id, result) = await appointments.CreateAsync(Enterprise, Kind, InstitutionId, new OnSiteDetails(Address, ContactName, ContactPhone, PreferredDates),
            User.Identity?.Name, ct);
        if (result.Succeeded)
        {
            TempData.Success(Kind == AppointmentKind.SelfDelivery ? "委托单已保存：请从设备库导入待送检的器具。" : "约检单已新建：请从设备库导入器具后提交。");
            return RedirectToPage("Appointment", new { id });
        }
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await appointments.SettingsAsync(ct);
        if (!Settings.Kinds.Contains(Kind)) Kind = Settings.Kinds[0];
        Institutions = await reference.InstitutionsAsync(ct);
        var mine = appointments.Query(Enterprise.Id);
        Counts = await mine.GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var q = State is { } s ? mine.Where(a => a.State == s) : mine;
        Pager = new Pager(PageNumber, 20, await q.CountAsync(ct), p => Url.Page("Index", new { state = State, p })!);
        Rows = await q.OrderByDescending(a => a.CreatedUtc).ThenBy(a => a.ContentItemId).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }

    public string InstitutionName(int id) => Institutions.FirstOrDefault(i => i.Id == id)?.Name ?? "";

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
