using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Filings.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings.Pages.My.Filings;

/// <summary>强检申请/受理: the enterprise's drafts, submitted and reviewed filings, and a new draft (institution + address).</summary>
[Permission("FileInstruments")]
public sealed class IndexModel(FilingService filings, IReferenceData reference) : EnterprisePage
{
    [BindProperty(SupportsGet = true)] public FilingState State { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [BindProperty] public int InstitutionId { get; set; }
    [BindProperty] public string? Address { get; set; }

    public IReadOnlyList<FilingIndex> Rows { get; private set; } = [];
    public IReadOnlyDictionary<FilingState, int> Counts { get; private set; } = new Dictionary<FilingState, int>();
    public IReadOnlyList<InstitutionEntry> Institutions { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Address ??= Enterprise.Address;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (id, result) = await filings.CreateDraftAsync(Enterprise, InstitutionId, Address, User.Identity?.Name, ct);
        if (result.Succeeded)
        {
            TempData.Success("草稿已新建：请录入或从设备库导入器具，完善后提交强检申请。");
            return RedirectToPage("Filing", new { id });
        }
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Institutions = await reference.InstitutionsAsync(ct);
        var mine = filings.Query(Enterprise.Id);
        Counts = await mine.GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var q = mine.Where(f => f.State == State);
        Pager = new Pager(PageNumber, 20, await q.CountAsync(ct), p => Url.Page("Index", new { state = State, p })!);
        Rows = await q.OrderByDescending(f => f.CreatedUtc).ThenBy(f => f.ContentItemId).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }

    public string InstitutionName(int id) => Institutions.FirstOrDefault(i => i.Id == id)?.Name ?? "";

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
