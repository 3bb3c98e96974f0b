using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Verification.Pages.Admin.Verification;

/// <summary>One received instrument: the record form (检定), check (核验), approve (批准), return with a reason, assign; every step with who and when.</summary>
[Permission("ViewVerificationTasks")]
public sealed class TaskModel(SignOff signOff, IReferenceData reference, IEnterpriseDirectory enterprises, PermissionService permissions, SiteSettingsService site,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public DateOnly? VerifiedOn { get; set; }
    [BindProperty] public string? Regulation { get; set; }
    [BindProperty] public string? Standards { get; set; }
    [BindProperty] public string? Temperature { get; set; }
    [BindProperty] public string? Humidity { get; set; }
    [BindProperty] public VerificationConclusion? Conclusion { get; set; }
    [BindProperty] public string? AccuracyClass { get; set; }
    [BindProperty] public string? FailedItems { get; set; }
    [BindProperty] public DateOnly? ValidUntil { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Verifier { get; set; }

    public VerificationTask Work { get; private set; } = null!;
    public IReadOnlyList<VerificationStep> Steps { get; private set; } = [];
    public EnterpriseInfo? Owner { get; private set; }
    public DateOnly? LatestValidUntil { get; private set; }
    public DateOnly Today { get; private set; }
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";
    public IReadOnlyList<string> Verifiers { get; private set; } = [];
    public bool MayRecord { get; private set; }
    public bool MayCheck { get; private set; }
    public bool MayApprove { get; private set; }
    public bool MayAssign { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        // The form starts from the catalog: today, the item's regulation, the period's valid-until.
        VerifiedOn = Work.VerifiedOn ?? Today;
        Regulation = Work.Regulation ?? (Work.CatalogCode is { } code ? (await reference.CatalogItemAsync(code, ct))?.Regulation : null);
        (Standards, Temperature, Humidity, Conclusion, AccuracyClass, FailedItems, ValidUntil) =
            (Work.Standards, Work.Temperature, Work.Humidity, Work.Conclusion, Work.AccuracyClass, Work.FailedItems, Work.ValidUntil);
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => RunAsync(() => signOff.SubmitAsync(User, Id,
        new VerificationRecord(VerifiedOn, Regulation, Standards, Temperature, Humidity, Conclusion, AccuracyClass, FailedItems, ValidUntil), ct), "已提交核验。", ct);

    public Task<IActionResult> OnPostCheckAsync(CancellationToken ct) => RunAsync(() => signOff.CheckAsync(User, Id, ct), "核验通过，待批准。", ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => RunAsync(() => signOff.ApproveAsync(User, Id, ct), "已批准。", ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) => RunAsync(() => signOff.ReturnAsync(User, Id, Reason, ct), "已退回检定员。", ct);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) => RunAsync(() => signOff.AssignAsync(User, Id, Verifier, ct), "已指派。", ct);

    private async Task<IActionResult> RunAsync(Func<Task<WorkResult>> action, string success, CancellationToken ct)
    {
        var scope = await StaffScope.OfAsync(reference, User, ct);
        if (await signOff.GetAsync(scope, Id, ct) is null) return NotFound();
        var result = await action();
        if (result.Succeeded)
        {
            TempData.Success(success);
            return RedirectToPage("Task", new { Id });
        }
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var scope = await StaffScope.OfAsync(reference, User, ct);
        if (await signOff.GetAsync(scope, Id, ct) is not { } task) return false;
        Work = task;
        Steps = await signOff.StepsAsync(Id, ct);
        Owner = await enterprises.FindAsync(task.EnterpriseId, ct);
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        LatestValidUntil = await signOff.LatestValidUntilAsync(task, task.VerifiedOn ?? Today, ct);
        TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
        var me = User.Identity?.Name;
        MayRecord = task.State == TaskState.Waiting && (task.AssignedTo is null || task.AssignedTo == me) && await permissions.HasAsync(User, Permissions.RecordVerification);
        MayCheck = task.State == TaskState.Submitted && task.Verifier != me && await permissions.HasAsync(User, Permissions.CheckVerification);
        MayApprove = task.State == TaskState.Checked && task.Verifier != me && task.Checker != me && await permissions.HasAsync(User, Permissions.ApproveVerification);
        MayAssign = task.State != TaskState.Approved && await permissions.HasAsync(User, Permissions.AssignVerification);
        if (MayAssign) Verifiers = await signOff.VerifiersAsync(task.InstitutionId, ct);
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    public string Invalid(string key) => ErrorOf(key) is null ? "" : "is-invalid";
}
