using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Verification.Pages.Admin.Reception;

/// <summary>
/// One appointment at the counter: its lines with what was received (point, time, person), receive the ticked ones, the receipt PDF,
/// fees (record, mark paid) and the hand-back of approved instruments.
/// </summary>
[Permission("ReceiveInstruments")]
public sealed class AppointmentModel(global::Metrology.Verification.Reception reception, Fees fees, ReceiptDocument receipt, IReferenceData reference, IEnterpriseDirectory enterprises,
    SiteSettingsService site) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty] public string? Point { get; set; }
    [BindProperty] public List<string> Collect { get; set; } = [];
    [BindProperty] public string? CollectedBy { get; set; }
    [BindProperty] public string? FeeItem { get; set; }
    [BindProperty] public string? FeeAmount { get; set; }

    public AppointmentInfo Appointment { get; private set; } = null!;
    public IReadOnlyList<VerificationTask> Tasks { get; private set; } = [];
    public IReadOnlyList<ReceptionPoint> Points { get; private set; } = [];
    public IReadOnlyList<AppointmentFee> FeeRows { get; private set; } = [];
    public EnterpriseInfo? Owner { get; private set; }
    public string InstitutionName { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostReceiveAsync(CancellationToken ct) =>
        RunAsync(scope => reception.ReceiveAsync(User, scope, Id, Selected, Point, ct), $"已接收 {Selected.Count} 台器具，可打印取件凭证。", ct);

    public Task<IActionResult> OnPostCollectAsync(CancellationToken ct) =>
        RunAsync(scope => reception.CollectAsync(User, scope, Id, Collect, CollectedBy, ct), "已登记取回。", ct);

    public Task<IActionResult> OnPostFeeAsync(CancellationToken ct) =>
        RunAsync(scope => fees.RecordAsync(User, scope, Id, FeeItem, FeeAmount, ct), "已登记费用。", ct);

    public Task<IActionResult> OnPostPaidAsync(int fee, CancellationToken ct) =>
        RunAsync(scope => fees.MarkPaidAsync(User, scope, Id, fee, ct), "已标记缴费。", ct);

    public async Task<IActionResult> OnGetReceiptAsync(CancellationToken ct)
    {
        var scope = await StaffScope.OfAsync(reference, User, ct);
        if (await reception.GetAsync(scope, Id, ct) is not { } found || found.Tasks.Count == 0) return NotFound();
        var pdf = await receipt.RenderAsync(found.Appointment, found.Tasks, await enterprises.FindAsync(found.Appointment.EnterpriseId, ct), ct);
        return File(pdf, "application/pdf", $"取件凭证-{found.Appointment.Number}.pdf");
    }

    private async Task<IActionResult> RunAsync(Func<StaffScope, Task<WorkResult>> action, string success, CancellationToken ct)
    {
        var scope = await StaffScope.OfAsync(reference, User, ct);
        if (await reception.GetAsync(scope, Id, ct) is null) return NotFound();
        var result = await action(scope);
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
        var scope = await StaffScope.OfAsync(reference, User, ct);
        if (await reception.GetAsync(scope, Id, ct) is not { } found) return false;
        (Appointment, Tasks) = found;
        Points = await reception.PointsForAsync(User, Appointment.InstitutionId, ct);
        FeeRows = await fees.OfAsync(Id, ct);
        Owner = await enterprises.FindAsync(Appointment.EnterpriseId, ct);
        InstitutionName = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == Appointment.InstitutionId)?.Name ?? "";
        TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) is { Length: > 0 } m ? m : null : null;
}
