using Metrology.Core.Instruments;
using Metrology.Core.Enterprises;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Instruments.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments.Pages.My.Instruments;

/// <summary>The enterprise's library (or its deactivated list): filters kept across pages, sort by any column, bulk actions.</summary>
[Permission("ManageOwnInstruments")]
public class IndexModel(InstrumentLibrary library, IEnumerable<IInstrumentSelectionAction> actions, Metrology.Core.Tenants.FeatureFilter features,
    IEnumerable<IBookingWindowSource> windows, TimeProvider clock) : EnterprisePage
{
    private BookingWindow? _window;
    private DateOnly _today;

    /// <summary>备案已失效: filed, but outside the tenant's booking window today; 强检申请 on the selection files it again.</summary>
    public bool Lapsed(InstrumentIndex i) => _window?.Lapsed(i.FilingStatus, i.FiledOn, i.ValidUntil, _today) == true;

    /// <summary>What other features offer on the selection (强检申请, 约检), where they are enabled.</summary>
    public IEnumerable<IInstrumentSelectionAction> SelectionActions => features.Enabled(actions).OrderBy(a => a.Order);

    // The filters, the sort and where the page starts are read from the query string by hand (ReadQuery), not bound: model
    // binding ran its binders for each of these 17 properties on every request, ≈3% of the page's CPU, though the
    // library mostly opens without any. A value that does not parse is left out, as binding left it.
    public string? Name { get; set; }
    public string? Serial { get; set; }
    public string? Catalog { get; set; }
    public string? Department { get; set; }
    public int? Usage { get; set; }
    public bool? Mandatory { get; set; }
    public FilingStatus? Filing { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public DateOnly? CreatedFrom { get; set; }
    public DateOnly? CreatedTo { get; set; }
    public string? Sort { get; set; }
    // Where the page starts (keyset paging, see InstrumentLibrary.PageAsync); "p" is only the number shown, "n" the count the first page took.
    public string? After { get; set; }
    public string? Before { get; set; }
    public bool Last { get; set; }
    public int? PageNumber { get; set; }
    public int? CarriedCount { get; set; }

    /// <summary>The deactivated list (停用库) shows the same columns with other actions.</summary>
    public virtual bool ActiveList => true;

    public IReadOnlyList<InstrumentIndex> Rows { get; private set; } = [];
    public KeysetPager Pager { get; private set; } = null!;

    private const int PageSize = 20;

    public InstrumentFilter Filter => new()
    {
        Name = Name, Serial = Serial, Catalog = Catalog, Department = Department, Usage = Usage, Mandatory = Mandatory, Filing = Filing,
        ValidFrom = ValidFrom, ValidTo = ValidTo, CreatedFrom = CreatedFrom, CreatedTo = CreatedTo, Sort = Sort, Active = ActiveList,
    };

    /// <summary>The current filters and sort, as route values (a post's redirect back to the list keeps them).</summary>
    public Dictionary<string, string?> Query()
    {
        var q = Filters();
        if (!string.IsNullOrEmpty(Sort)) q["sort"] = Sort;
        return q;
    }

    private Dictionary<string, string?> Filters() => new Dictionary<string, string?>
    {
        ["name"] = Name, ["serial"] = Serial, ["catalog"] = Catalog, ["department"] = Department, ["usage"] = Usage?.ToString(),
        ["mandatory"] = Mandatory?.ToString().ToLowerInvariant(), ["filing"] = Filing?.ToString(), ["validFrom"] = ValidFrom?.ToString("yyyy-MM-dd"),
        ["validTo"] = ValidTo?.ToString("yyyy-MM-dd"), ["createdFrom"] = CreatedFrom?.ToString("yyyy-MM-dd"), ["createdTo"] = CreatedTo?.ToString("yyyy-MM-dd"),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary();

    // The filters' query string and this list's path are built once per request: the render asks for them for each column,
    // button and pager link (building a dictionary and a query string each time was ≈10% of what a page allocated).
    private QueryString? _filtered;
    private string? _path;

    private QueryString Filtered => _filtered ??= QueryString.Create(Filters());

    /// <summary>The filters and the sort.</summary>
    private QueryString Listed => string.IsNullOrEmpty(Sort) ? Filtered : Filtered.Add("sort", Sort);

    /// <summary>This list with this query string.</summary>
    private string Here(QueryString query) => (_path ??= (Request.PathBase + Request.Path).ToString()) + query.ToString();

    /// <summary>This list sorted by <paramref name="sort"/>, the filters kept.</summary>
    public string Sorted(string sort) => Here(Filtered.Add("sort", sort));

    // The URLs of this list's sibling pages, by the tenant's path: they depend on nothing else, and generating the links
    // on each render was ≈2% of the page's CPU (docs/performance.md, fourteenth pass).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string PathBase, string Page), string> SiblingUrls = new();

    /// <summary>The URL of a page beside this one ("Edit", "Import", "Deactivated", "Index").</summary>
    public string Sibling(string page) => SiblingUrls.GetOrAdd((Request.PathBase.Value ?? "", page), _ => Url.Page(page)!);

    /// <summary>This list's handler (a button's formaction) with the current filters and sort.</summary>
    public string Handler(string handler) => Here(QueryString.Create("handler", handler).Add(Listed));

    public override void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => ReadQuery(Request.Query);

    private void ReadQuery(IQueryCollection q)
    {
        if (q.Count == 0) return;
        Name = Text(q, "name"); Serial = Text(q, "serial"); Catalog = Text(q, "catalog"); Department = Text(q, "department");
        Usage = Number(q, "usage"); PageNumber = Number(q, "p"); CarriedCount = Number(q, "n");
        Mandatory = bool.TryParse(First(q, "mandatory"), out var m) ? m : null;
        Filing = Enum.TryParse<FilingStatus>(First(q, "filing"), ignoreCase: true, out var f) && Enum.IsDefined(f) ? f : null;
        ValidFrom = Date(q, "validFrom"); ValidTo = Date(q, "validTo"); CreatedFrom = Date(q, "createdFrom"); CreatedTo = Date(q, "createdTo");
        Sort = Text(q, "sort"); After = Text(q, "after"); Before = Text(q, "before");
        Last = bool.TryParse(First(q, "last"), out var last) && last;
    }

    /// <summary>The key's first value, as binding took it (a repeated key's later values are ignored).</summary>
    private static string? First(IQueryCollection q, string key) => q[key] is { Count: > 0 } v ? v[0] : null;

    private static string? Text(IQueryCollection q, string key) => First(q, key) is { Length: > 0 } v ? v : null;

    private static int? Number(IQueryCollection q, string key) =>
        int.TryParse(First(q, key), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    private static DateOnly? Date(IQueryCollection q, string key) =>
        DateOnly.TryParse(First(q, key), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    // No parameters, and nothing bound: a handler parameter (even a CancellationToken) made MVC build its value providers
    // for the page on every request.
    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var at = new LibraryCursor(After, Before, Last, CarriedCount);
        var page = await library.PageAsync(Enterprise.Id, Filter, at, PageSize, ct);
        Rows = page.Rows;
        Pager = page.Pager(at, PageNumber, PageSize, (c, n) => Here(LibraryPage.Query(Listed, c, n)));
        _window = features.Enabled(windows).FirstOrDefault() is { } source ? await source.WindowAsync(ct) : null;
        _today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }

    /// <summary>The current filter, every row, in the template's layout (so it can be edited and imported back).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        // Written to a temporary file rather than memory: the package needs a seekable stream, and a library can be large.
        var output = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await library.ExportAsync(Enterprise.Id, Filter, output, ct);
        output.Position = 0;
        return File(output, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{(ActiveList ? "器具库" : "停用库")}-{DateTime.Now:yyyyMMdd}.xlsx");
    }

    // The ticked rows ("Selected") are bound on the bulk actions only.
    public async Task<IActionResult> OnPostDeactivateAsync(List<string> selected, CancellationToken ct)
    {
        var n = await library.DeactivateAsync(Enterprise.Id, selected, User.Identity?.Name, ct);
        TempData.Success($"已停用 {n} 台器具，可在停用库中重新启用。");
        return RedirectToPage(Query());
    }

    public async Task<IActionResult> OnPostDeleteAsync(List<string> selected, CancellationToken ct)
    {
        var (deleted, kept) = await library.DeleteAsync(Enterprise.Id, selected, User.Identity?.Name, ct);
        if (kept > 0) TempData.Error($"已删除 {deleted} 台；{kept} 台备案过的器具有检定记录，不能删除，可以停用。");
        else TempData.Success($"已删除 {deleted} 台器具。");
        return RedirectToPage(Query());
    }

    public async Task<IActionResult> OnPostCleanUpAsync(CancellationToken ct)
    {
        var (deleted, deactivated) = await library.CleanUpAsync(Enterprise.Id, User.Identity?.Name, ct);
        TempData.Success($"清理完成：删除 {deleted} 台非强检器具" + (deactivated > 0 ? $"，{deactivated} 台有备案记录的已移入停用库。" : "。"));
        return RedirectToPage(Query());
    }

    public async Task<IActionResult> OnPostReactivateAsync(List<string> selected, CancellationToken ct)
    {
        var n = await library.ReactivateAsync(Enterprise.Id, selected, User.Identity?.Name, ct);
        TempData.Success($"已启用 {n} 台器具，它们回到我的器具，状态为未备案、非强检。");
        return RedirectToPage(Query());
    }
}
