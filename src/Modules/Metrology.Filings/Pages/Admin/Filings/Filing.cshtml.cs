using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Filings.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Filings.Pages.Admin.Filings;

/// <summary>A filing under review: the enterprise's details and every line; accept or refuse (with a reason) the selected lines, or all.</summary>
[Permission("ReviewFilings")]
public sealed class FilingModel(FilingReview review, IEnterpriseDirectory enterprises, IReferenceData reference, DocumentStore documents,
    SiteSettingsService site, FilingDocuments pdf) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ReasonText { get; set; }
    [BindProperty] public string? VersionId { get; set; }

    public ContentItem Item { get; private set; } = null!;
    public FilingPart Filing { get; private set; } = null!;
    public EnterpriseInfo? Owner { get; private set; }
    public string InstitutionName { get; private set; } = "";
    public IReadOnlyList<string> Reasons { get; private set; } = [];
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => DecideAsync(true, Selected, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => DecideAsync(false, Selected, ct);

    public async Task<IActionResult> OnPostAcceptAllAsync(CancellationToken ct)
    {
        if (await review.GetAsync(User, Id, ct) is not { } found) return NotFound();
        return await DecideAsync(true, found.Part.Lines.Where(l => l.Decision == LineDecision.Pending).Select(l => l.InstrumentId).ToList(), ct);
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (await review.GetAsync(User, Id, ct) is not { } found || await enterprises.FindAsync(found.Part.EnterpriseId, ct) is not { } owner) return NotFound();
        return File(await pdf.PdfAsync(found.Part, owner, ct), "application/pdf", $"备案申请表-{found.Part.Number}.pdf");
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await review.GetAsync(User, Id, ct) is not { } found) return NotFound();
        var buffer = new MemoryStream();
        FilingDocuments.WriteLines(buffer, found.Part);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"备案器具-{found.Part.Number}.xlsx");
    }

    private async Task<IActionResult> DecideAsync(bool accept, List<string> lines, CancellationToken ct)
    {
        if (await review.GetAsync(User, Id, ct) is null) return NotFound();
        var reason = string.Join("；", new[] { Reason, ReasonText }.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()));
        var result = await review.DecideAsync(User, Id, lines, accept, reason, VersionId, ct);
        if (result.Succeeded)
        {
            TempData.Success(accept ? $"已受理 {lines.Count} 台器具。" : $"已将 {lines.Count} 台器具标记为不予受理。");
            return RedirectToPage("Filing", new { Id });
        }
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await review.GetAsync(User, Id, ct) is not { } found) return false;
        (Item, Filing) = found;
        VersionId = Item.ContentItemVersionId;
        Owner = await enterprises.FindAsync(Filing.EnterpriseId, ct);
        InstitutionName = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == Filing.InstitutionId)?.Name ?? "";
        Reasons = (await documents.GetAsync<RejectReasons>(ct)).Of(Filing.InstitutionId);
        TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
