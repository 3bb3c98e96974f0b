using Metrology.Appointments.Models;
using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Appointments.Pages.My.Appointments;

/// <summary>
/// One appointment of the enterprise: 从设备库导入 (filed instruments of the appointment's institution, filtered by name, serial,
/// catalog code and valid-until range), remove a line, submit a booking, cancel, and the slip (预约单) once confirmed.
/// </summary>
[Permission("BookAppointments")]
public sealed class AppointmentModel(AppointmentService appointments, IInstrumentRecords instruments, IReferenceData reference, AppointmentDocuments documents)
    : EnterprisePage
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Serial { get; set; }
    [BindProperty(SupportsGet = true)] public string? Catalog { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? ValidFrom { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? ValidTo { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [BindProperty] public List<string> Selected { get; set; } = [];

    public AppointmentPart Appointment { get; private set; } = null!;
    public string InstitutionName { get; private set; } = "";
    public IReadOnlyList<InstrumentSummary> Pickable { get; private set; } = [];
    public IReadOnlySet<string> Busy { get; private set; } = new HashSet<string>();
    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) =>
        RunAsync(() => appointments.AddAsync(Enterprise, Id, Selected, User.Identity?.Name, ct), "已导入约检单。", ct);

    public Task<IActionResult> OnPostRemoveAsync(string instrument, CancellationToken ct) =>
        RunAsync(() => appointments.RemoveLineAsync(Enterprise.Id, Id, instrument, User.Identity?.Name, ct), "已从约检单中移除。", ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) =>
        RunAsync(() => appointments.SubmitAsync(Enterprise, Id, User.Identity?.Name, ct), "约检单已提交，等待检定机构确认；确认结果将以短信通知。", ct);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) =>
        RunAsync(() => appointments.CancelAsync(Enterprise, Id, User.Identity?.Name, ct), "约检单已取消。", ct);

    /// <summary>生成预约单: once confirmed (a self-delivery at once).</summary>
    public async Task<IActionResult> OnGetSlipAsync(CancellationToken ct)
    {
        if (await appointments.GetAsync(Enterprise.Id, Id, ct) is not { } found) return NotFound();
        if (found.Part.State is not (AppointmentState.Confirmed or AppointmentState.Received or AppointmentState.Completed)) return NotFound();
        return File(await documents.SlipAsync(found.Part, Enterprise, ct), "application/pdf", $"预约单-{found.Part.Number}.pdf");
    }

    private async Task<IActionResult> RunAsync(Func<Task<AppointmentResult>> action, string success, CancellationToken ct)
    {
        if (await appointments.GetAsync(Enterprise.Id, Id, ct) is null) return NotFound();
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
        if (await appointments.GetAsync(Enterprise.Id, Id, ct) is not { } found) return false;
        Appointment = found.Part;
        InstitutionName = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == Appointment.InstitutionId)?.Name ?? "";
        if (!Appointment.IsEditable) return true;
        var search = new InstrumentSearch(Name, Serial, Catalog, Filing: FilingStatus.Filed, FiledWith: Appointment.InstitutionId, ValidFrom: ValidFrom, ValidTo: ValidTo,
            Except: Appointment.Lines.Select(l => l.InstrumentId).ToList());
        var (_, total) = await instruments.SearchAsync(Enterprise.Id, search, 0, 0, ct);
        Pager = new Pager(PageNumber, 20, total, p => Url.Page("Appointment", new { Id, name = Name, serial = Serial, catalog = Catalog,
            validFrom = ValidFrom?.ToString("yyyy-MM-dd"), validTo = ValidTo?.ToString("yyyy-MM-dd"), p })!);
        Pickable = (await instruments.SearchAsync(Enterprise.Id, search, Pager.Skip, Pager.PageSize, ct)).Items;
        var ids = Pickable.Select(i => i.Id).ToList();
        Busy = (await appointments.BusyInstruments(Enterprise.Id).Where(i => ids.Contains(i)).ToListAsync(ct)).ToHashSet();
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
