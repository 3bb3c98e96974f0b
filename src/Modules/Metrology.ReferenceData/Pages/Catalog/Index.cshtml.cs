using Metrology.Core.Admin;
using Metrology.Core.Web;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Metrology.ReferenceData.Pages.Catalog;

/// <summary>
/// The public catalog: anyone checks whether an instrument is under mandatory verification. The same for every anonymous
/// visitor of a tenant for a given search and page: output cached (ADR 0013) by <c>q</c> and <c>p</c>, evicted by any change
/// of the catalog (<see cref="CatalogService"/>); the search itself runs in memory (<see cref="CatalogSearch"/>).
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = AnonymousPageCache.Policy, VaryByQueryKeys = ["q", "p"])]
public sealed class IndexModel(CatalogSearch catalog) : PageModel
{
    private const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CatalogItem> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool HasSamples { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var found = await catalog.SearchAsync(Q, ct);
        Pager = new Pager(PageNumber, PageSize, found.Count, p => Url.Page("Index", new { Q, p })!);
        Items = found.Skip(Pager.Skip).Take(PageSize).ToList();
        HasSamples = Items.Any(i => i.IsSample);
    }
}
