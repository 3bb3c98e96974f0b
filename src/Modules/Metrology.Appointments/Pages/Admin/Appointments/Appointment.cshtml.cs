using Metrology.Appointments.Models;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Appointments.Pages.Admin.Appointments;

/// <summary>One appointment for the institution: the enterprise, the visit, the instruments; confirm (date, and for on-site a time window and the verifier) or decline with a reason; the slip.</summary>
[Permission("ConfirmAppointments")]
public sealed class AppointmentModel(AppointmentDesk desk, IEnterpriseDirectory enterprises, IReferenceData reference, SiteSettingsService site,
    AppointmentDocuments documents) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? TimeWindow { get; set; }
    [BindProperty] public string? Verifier { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? VersionId { get; set; }

    public ContentItem Item { get; private set; } = null!;
    public AppointmentPart Appointment { get; private set; } = null!;
    public EnterpriseInfo? Owner { get; private set; }
    public string InstitutionName { get; private set; } = "";
    public bool MayAnswer { get; private set; }
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) =>
        RunAsync(() => desk.ConfirmAsync(User, Id, Date, TimeWindow, Verifier, VersionId, ct), "已确认，企业将收到短信。", ct);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        RunAsync(() => desk.DeclineAsync(User, Id, Reason, VersionId, ct), "已退回，企业将收到短信。", ct);

    public async Task<IActionResult> OnGetSlipAsync(CancellationToken ct)
    {
        if (await desk.GetAsync(User, Id, ct) is not { } found || await enterprises.FindAsync(found.Part.EnterpriseId, ct) is not { } owner) return NotFound();
        if (found.Part.State is not (AppointmentState.Confirmed or AppointmentState.Received or AppointmentState.Completed)) return NotFound();
        return File(await documents.SlipAsync(found.Part, owner, ct), "application/pdf", $"预约单-{found.Part.Number}.pdf");
    }

    private async Task<IActionResult> RunAsync(Func<Task<AppointmentResult>> action, string success, CancellationToken ct)
    {
        if (await desk.GetAsync(User, Id, ct) is null) return NotFound();
        var result = await action();
        if (result.Succeeded)
        {
            TempData.Success(success);
            return RedirectToPage("Appointment", new { Id });
        }
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await desk.GetAsync(User, Id, ct) is not { } found) return false;
        (Item, Appointment) = found;
        Owner = await enterprises.FindAsync(Appointment.EnterpriseId, ct);
        InstitutionName = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == Appointment.InstitutionId)?.Name ?? "";
        MayAnswer = Appointment.State == AppointmentState.Submitted && await desk.MayAnswerAsync(User, Appointment, ct);
        TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
