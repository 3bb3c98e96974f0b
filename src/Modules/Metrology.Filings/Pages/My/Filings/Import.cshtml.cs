using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Filings.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings.Pages.My.Filings;

/// <summary>
/// 强检申请 from the library (seed 000 §3.4): the library posts its selection here; the enterprise chooses a draft (or makes a
/// new one) and the selected instruments go into it.
/// </summary>
[Permission("FileInstruments")]
public sealed class ImportModel(FilingService filings, IInstrumentRecords instruments, IReferenceData reference) : EnterprisePage
{
    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty] public string? DraftId { get; set; }
    [BindProperty] public int InstitutionId { get; set; }
    [BindProperty] public string? Address { get; set; }

    public IReadOnlyList<InstrumentSummary> Chosen { get; private set; } = [];
    public IReadOnlyList<FilingIndex> Drafts { get; private set; } = [];
    public IReadOnlyList<InstitutionEntry> Institutions { get; private set; } = [];

    public IActionResult OnGet() => Redirect("~/my/instruments");

    /// <summary>From the library's selection form.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Selected.Count == 0)
        {
            TempData.Error("请先在器具库中勾选要申请强检备案的器具。");
            return Redirect("~/my/instruments");
        }
        Address ??= Enterprise.Address;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        var draft = DraftId;
        if (string.IsNullOrEmpty(draft))
        {
            var (id, created) = await filings.CreateDraftAsync(Enterprise, InstitutionId, Address, User.Identity?.Name, ct);
            if (!created.Succeeded) return await FailAsync(created, ct);
            draft = id!;
        }
        var result = await filings.AddAsync(Enterprise.Id, draft, Selected, User.Identity?.Name, ct);
        if (!result.Succeeded) return await FailAsync(result, ct);
        TempData.Success($"已将 {Selected.Count} 台器具导入强检申请草稿：请完善强检类别和用途后提交。");
        return RedirectToPage("Filing", new { id = draft });
    }

    private async Task<IActionResult> FailAsync(FilingResult result, CancellationToken ct)
    {
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Chosen = await instruments.FindAsync(Enterprise.Id, Selected, ct);
        Drafts = await filings.Query(Enterprise.Id).Where(f => f.State == FilingState.Draft).OrderByDescending(f => f.CreatedUtc).Take(50).ToListAsync(ct);
        Institutions = await reference.InstitutionsAsync(ct);
    }

    public string InstitutionName(int id) => Institutions.FirstOrDefault(i => i.Id == id)?.Name ?? "";

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
