using Metrology.Core.Admin;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Filings.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Filings.Pages.Admin.Filings;

/// <summary>The refusal reasons a reviewer picks from, kept per institution (the staff member's own).</summary>
[Permission("ReviewFilings")]
public sealed class ReasonsModel(DocumentStore documents, IReferenceData reference) : PageModel
{
    [BindProperty] public string? Text { get; set; }

    public string InstitutionName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await InstitutionAsync(ct) is not { } institution) return Forbid();
        InstitutionName = institution.Name;
        Text = string.Join("\n", (await documents.GetAsync<RejectReasons>(ct)).Of(institution.Id));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await InstitutionAsync(ct) is not { } institution) return Forbid();
        InstitutionName = institution.Name;
        var lines = (Text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (lines.Count > 50 || lines.Any(l => l.Length > 100))
        {
            ModelState.AddModelError(nameof(Text), "最多 50 条原因，每条最多 100 个字。");
            return Page();
        }
        var reasons = await documents.GetAsync<RejectReasons>(ct);
        reasons.ByInstitution[institution.Id.ToString()] = lines;
        await documents.SaveAsync(reasons, ct);
        TempData.Success(lines.Count == 0 ? "已恢复默认原因。" : "不予受理原因已保存。");
        return RedirectToPage();
    }

    private async Task<InstitutionEntry?> InstitutionAsync(CancellationToken ct) =>
        await reference.InstitutionOfAsync(User, ct) is int id ? (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == id)
        // Those who manage every institution and belong to none (the site's administrator) edit the first institution's list.
        : await reference.MayManageAllInstitutionsAsync(User) ? (await reference.InstitutionsAsync(ct)).FirstOrDefault() : null;
}
