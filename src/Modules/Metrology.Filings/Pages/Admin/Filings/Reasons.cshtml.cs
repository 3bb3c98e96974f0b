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

    /// <summary>Which institution's list, for those who manage every institution (others edit their own).</summary>
    [BindProperty(SupportsGet = true)] public int? Institution { get; set; }

    public string InstitutionName { get; private set; } = "";
    public IReadOnlyList<InstitutionEntry> Choices { get; private set; } = [];

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
        return RedirectToPage(new { institution = institution.Id });
    }

    private async Task<InstitutionEntry?> InstitutionAsync(CancellationToken ct)
    {
        var all = await reference.InstitutionsAsync(ct);
        if (await reference.MayManageAllInstitutionsAsync(User))
        {
            Choices = all;
            return all.FirstOrDefault(i => i.Id == Institution) ?? all.FirstOrDefault();
        }
        return await reference.InstitutionOfAsync(User, ct) is int id ? all.FirstOrDefault(i => i.Id == id) : null;
    }
}
