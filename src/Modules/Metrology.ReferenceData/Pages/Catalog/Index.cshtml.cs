using Metrology.Core.Admin;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Catalog;

/// <summary>The public catalog: anyone checks whether an instrument is under mandatory verification.</summary>
[AllowAnonymous]
public sealed class IndexModel(CatalogService catalog) : PageModel
{
    private const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CatalogItem> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool HasSamples { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = catalog.Items;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(i => i.Code.StartsWith(q) || i.Name.Contains(q) || i.Group.Contains(q) || (i.Item != null && i.Item.Contains(q)));
        }
        Pager = new Pager(PageNumber, PageSize, await query.CountAsync(ct), p => Url.Page("Index", new { Q, p })!);
        Items = await query.OrderBy(i => i.Group).ThenBy(i => i.Code).Skip(Pager.Skip).Take(PageSize).ToListAsync(ct);
        HasSamples = Items.Any(i => i.IsSample);
    }
}
