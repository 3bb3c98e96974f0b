using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Filings.Models;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Filings.Pages.My.Filings;

/// <summary>
/// One filing of the enterprise. A draft: complete the lines, add instruments (picked from the library, or typed as a new
/// instrument that joins the library), submit (强检申请). Later: each line's outcome and reason, 移到设备库, the form as PDF.
/// </summary>
[Permission("FileInstruments")]
public sealed class FilingModel(FilingService filings, IInstrumentRecords instruments, IReferenceData reference, FilingDocuments documents) : EnterprisePage
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Added { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Serial { get; set; }
    [BindProperty(SupportsGet = true)] public string? Catalog { get; set; }
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty] public List<FilingLine> Lines { get; set; } = [];

    public ContentItem Item { get; private set; } = null!;
    public FilingPart Filing { get; private set; } = null!;
    public string InstitutionName { get; private set; } = "";
    public IReadOnlyList<InstrumentSummary> Pickable { get; private set; } = [];
    public InstrumentSummary? AddedInstrument { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public bool IsDraft => Filing.State == FilingState.Draft;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) =>
        RunAsync(() => filings.AddAsync(Enterprise.Id, Id, Selected, User.Identity?.Name, ct), "已加入草稿。", ct);

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) =>
        RunAsync(() => filings.UpdateLinesAsync(Enterprise.Id, Id, Lines, User.Identity?.Name, ct), "已保存。", ct);

    public Task<IActionResult> OnPostRemoveAsync(string instrument, CancellationToken ct) =>
        RunAsync(() => filings.RemoveLineAsync(Enterprise.Id, Id, instrument, User.Identity?.Name, ct), "已从草稿中移除。", ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var saved = await filings.UpdateLinesAsync(Enterprise.Id, Id, Lines, User.Identity?.Name, ct);
        return saved.Succeeded ? await filings.SubmitAsync(Enterprise, Id, User.Identity?.Name, ct) : saved;
    }, "强检申请已提交，等待检定机构审核；审核结果将以短信通知。", ct);

    public Task<IActionResult> OnPostMoveBackAsync(CancellationToken ct) =>
        RunAsync(() => filings.MoveBackAsync(Enterprise.Id, Id, Selected, User.Identity?.Name, ct), "已移到设备库：可在器具库中修改后，通过新的草稿重新申请备案。", ct);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (await filings.GetAsync(Enterprise.Id, Id, ct) is null) return NotFound();
        var result = await filings.DeleteDraftAsync(Enterprise.Id, Id, User.Identity?.Name, ct);
        if (!result.Succeeded) { TempData.Error(result.Errors[0].Message); return RedirectToPage("Filing", new { Id }); }
        TempData.Success("草稿已删除。");
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (await filings.GetAsync(Enterprise.Id, Id, ct) is not { } found) return NotFound();
        return File(await documents.PdfAsync(found.Part, Enterprise, ct), "application/pdf", $"备案申请表-{found.Part.Number}.pdf");
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await filings.GetAsync(Enterprise.Id, Id, ct) is not { } found) return NotFound();
        var buffer = new MemoryStream();
        FilingDocuments.WriteLines(buffer, found.Part);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"备案器具-{found.Part.Number}.xlsx");
    }

    private async Task<IActionResult> RunAsync(Func<Task<FilingResult>> action, string success, CancellationToken ct)
    {
        if (await filings.GetAsync(Enterprise.Id, Id, ct) is null) return NotFound();
        var result = await action();
        if (result.Succeeded)
        {
            TempData.Success(success);
            return RedirectToPage("Filing", new { Id });
        }
        foreach (var (key, message) in result.Errors) ModelState.AddModelError(key, message);
        await LoadAsync(ct, keepPosted: true);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct, bool keepPosted = false)
    {
        if (await filings.GetAsync(Enterprise.Id, Id, ct) is not { } found) return false;
        (Item, Filing) = found;
        InstitutionName = (await reference.InstitutionsAsync(ct)).FirstOrDefault(i => i.Id == Filing.InstitutionId)?.Name ?? "";
        // What the user typed stays in the form after a refusal.
        if (keepPosted) Filing = Filing with { Lines = Filing.Lines.Select(l => Lines.FirstOrDefault(p => p.InstrumentId == l.InstrumentId) is { } posted
            ? l with { CatalogCode = posted.CatalogCode, Usage = posted.Usage, Method = posted.Method, Department = posted.Department, Location = posted.Location } : l).ToList() };
        if (!IsDraft) return true;
        var search = new InstrumentSearch(Name, Serial, Catalog, Department, Except: Filing.Lines.Select(l => l.InstrumentId).ToList());
        var (items, total) = await instruments.SearchAsync(Enterprise.Id, search, 0, 0, ct);
        Pager = new Pager(PageNumber, 20, total, p => Url.Page("Filing", new { Id, name = Name, serial = Serial, catalog = Catalog, department = Department, p })!);
        Pickable = (await instruments.SearchAsync(Enterprise.Id, search, Pager.Skip, Pager.PageSize, ct)).Items;
        if (Added is { Length: > 0 } && Filing.Lines.All(l => l.InstrumentId != Added))
            AddedInstrument = (await instruments.FindAsync(Enterprise.Id, [Added], ct)).FirstOrDefault();
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
