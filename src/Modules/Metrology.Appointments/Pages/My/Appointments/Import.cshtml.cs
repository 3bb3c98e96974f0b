using Metrology.Appointments.Models;
using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments.Pages.My.Appointments;

/// <summary>约检 from the library's selection: choose an appointment that can still take instruments, or make a new one with the institution they are filed with.</summary>
[Permission("BookAppointments")]
public sealed class ImportModel(AppointmentService appointments, IInstrumentRecords instruments) : EnterprisePage
{
    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty] public string? AppointmentId { get; set; }
    [BindProperty] public AppointmentKind Kind { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? PreferredDates { get; set; }

    public IReadOnlyList<InstrumentSummary> Chosen { get; private set; } = [];
    public IReadOnlyList<AppointmentIndex> Open { get; private set; } = [];
    public AppointmentSettings Settings { get; private set; } = new();

    public IActionResult OnGet() => Redirect("~/my/instruments");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Selected.Count == 0)
        {
            TempData.Error("请先在器具库中勾选要约检的已备案器具。");
            return Redirect("~/my/instruments");
        }
        Address ??= Enterprise.Address;
        ContactName ??= Enterprise.ContactName;
        ContactPhone ??= Enterprise.ContactMobile;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var target = AppointmentId;
        if (string.IsNullOrEmpty(target))
        {
            if (Chosen.FirstOrDefault()?.FilingInstitutionId is not int institution)
            {
                ModelState.AddModelError("", "所选器具尚未备案：先备案，再约检。");
                return Page();
            }
            var (id, created) = await appointments.CreateAsync(Enterprise, Kind, institution, new OnSiteDetails(Address, ContactName, ContactPhone, PreferredDates), User.Identity?.Name, ct);
            if (!created.Succeeded) return Fail(created);
            target = id!;
        }
        var result = await appointments.AddAsync(Enterprise, target, Selected, User.Identity?.Name, ct);
        if (!result.Succeeded) return Fail(result);
        TempData.Success($"已将 {Selected.Count} 台器具导入约检单。");
        return RedirectToPage("Appointment", new { id = target });
    }

    private IActionResult Fail(AppointmentResult result)
    {
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await appointments.SettingsAsync(ct);
        Chosen = await instruments.FindAsync(Enterprise.Id, Selected, ct);
        var open = await appointments.Query(Enterprise.Id).Where(a => a.State == AppointmentState.Draft || (a.Kind == AppointmentKind.SelfDelivery && a.State == AppointmentState.Confirmed))
            .OrderByDescending(a => a.CreatedUtc).Take(50).ToListAsync(ct);
        Open = open;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
