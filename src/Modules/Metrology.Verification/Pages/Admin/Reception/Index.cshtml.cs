using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Verification.Pages.Admin.Reception;

/// <summary>收件: the counter types or scans the delivery number, the slip's code, a serial number or the enterprise; one hit opens the appointment.</summary>
[Permission("ReceiveInstruments")]
public sealed class IndexModel(global::Metrology.Verification.Reception reception, IReferenceData reference, IEnterpriseDirectory enterprises) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<AppointmentInfo> Found { get; private set; } = [];
    public IReadOnlyDictionary<int, EnterpriseInfo> Owners { get; private set; } = new Dictionary<int, EnterpriseInfo>();
    public string? Refusal { get; private set; }
    public bool Unassigned { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await StaffScope.OfAsync(reference, User, ct);
        Unassigned = scope.None;
        (Found, Refusal) = await reception.FindAsync(scope, Q, ct);
        if (Found.Count == 1) return RedirectToPage("Appointment", new { id = Found[0].Id });
        Owners = await enterprises.FindManyAsync(Found.Select(a => a.EnterpriseId), ct);
        return Page();
    }
}
