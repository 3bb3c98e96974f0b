using Metrology.Core.Admin;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Enterprises.Pages.My;

/// <summary>资料变更: the enterprise asks to change its name, legal person or contact, with documents, and sees its requests.</summary>
[Authorize]
public sealed class ChangeModel(EnterpriseDirectory current, ChangeRequests changes, Registration registration) : PageModel
{
    [BindProperty] public ChangeRequest Input { get; set; } = new() { Kind = ChangeKind.NameOrLegalPerson };

    public Enterprise Enterprise { get; private set; } = null!;
    public IReadOnlyList<ChangeRequest> Requests { get; private set; } = [];
    public RegistrationSettings Settings { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var documents = await DocumentUpload.ReadAsync(Request.Form.Files, Settings, Enterprise.Kind, ModelState, ct);
        if (ModelState.IsValid)
        {
            foreach (var (field, message) in await changes.SubmitAsync(Enterprise, Input, documents, ct)) ModelState.AddModelError(field, message);
            if (ModelState.IsValid)
            {
                TempData.Success("资料变更申请已提交，审核结果将以短信通知。");
                return RedirectToPage();
            }
        }
        Requests = await changes.OfAsync(Enterprise.Id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await current.CurrentRecordAsync(User, ct) is not { } enterprise) return false;
        Enterprise = enterprise;
        Settings = await registration.SettingsAsync(ct);
        Requests = await changes.OfAsync(enterprise.Id, ct);
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
