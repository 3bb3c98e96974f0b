using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Filings.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Filings.Pages.Admin.Filings;

/// <summary>The review queue of the staff member's institution (all institutions for those who manage every one): filters, counts, export.</summary>
[Permission("ReviewFilings")]
public sealed class IndexModel(FilingReview review, IEnterpriseDirectory enterprises, IReferenceData reference, SiteSettingsService site) : PageModel
{
    [BindProperty(SupportsGet = true)] public FilingState State { get; set; } = FilingState.Submitted;
    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true)] public string? Catalog { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public sealed record Row(FilingIndex Filing, string Enterprise, string Institution);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<FilingState, int> Counts { get; private set; } = new Dictionary<FilingState, int>();
    public Pager Pager { get; private set; } = null!;
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";

    /// <summary>A reviewer not yet assigned to an institution sees why the queue is empty (the menu links here).</summary>
    public bool Unassigned { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await review.VisibleAsync(User, ct) is not { } visible)
        {
            Unassigned = true;
            Pager = new Pager(1, 30, 0, p => Url.Page("Index", new { p })!);
            return Page();
        }
        TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
        var filtered = await FilterAsync(visible, ct);
        Counts = await filtered.GroupBy(f => f.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var q = filtered.Where(f => f.State == State);
        Pager = new Pager(PageNumber, 30, await q.CountAsync(ct), p => Url.Page("Index", new { state = State, enterprise = Enterprise, catalog = Catalog, from = From, to = To, p })!);
        Rows = await RowsAsync(await q.OrderBy(f => f.SubmittedUtc).ThenBy(f => f.ContentItemId).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct), ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await review.VisibleAsync(User, ct) is not { } visible) return Forbid();
        var filtered = (await FilterAsync(visible, ct)).Where(f => f.State == State).OrderBy(f => f.SubmittedUtc).ThenBy(f => f.ContentItemId);
        var rows = await RowsAsync(await filtered.Take(100_000).ToListAsync(ct), ct);
        var buffer = new MemoryStream();
        FilingDocuments.WriteQueue(buffer, rows.Select(r => (r.Filing, r.Enterprise, r.Institution)), (await site.GetAsync(ct)).TimeZoneId);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"备案申请-{FilingLabels.Of(State)}.xlsx");
    }

    private async Task<IQueryable<FilingIndex>> FilterAsync(IQueryable<FilingIndex> q, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Enterprise)) { var ids = enterprises.IdsWhereNameContains(Enterprise.Trim()); q = q.Where(f => ids.Contains(f.EnterpriseId)); }
        if (!string.IsNullOrWhiteSpace(Catalog))
        {
            var code = Catalog.Trim();
            // EXISTS per filing, probing (CatalogCode, FilingId): cheaper than the list of every filing with a line of that code.
            var lines = review.Lines;
            q = q.Where(f => lines.Any(l => l.CatalogCode == code && l.FilingId == f.ContentItemId));
        }
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById((await site.GetAsync(ct)).TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        if (From is { } from) { var utc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), zone); q = q.Where(f => f.SubmittedUtc >= utc); }
        if (To is { } to) { var utc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone); q = q.Where(f => f.SubmittedUtc < utc); }
        return q;
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IReadOnlyList<FilingIndex> page, CancellationToken ct)
    {
        var owners = await enterprises.FindManyAsync(page.Select(f => f.EnterpriseId), ct);
        var institutions = (await reference.InstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
        return page.Select(f => new Row(f, owners.GetValueOrDefault(f.EnterpriseId)?.Name ?? "", institutions.GetValueOrDefault(f.InstitutionId) ?? "")).ToList();
    }
}
