using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Enterprises.Pages.Admin.Enterprises;

/// <summary>Enterprises, searched by name, credit code or mobile and filtered by status.</summary>
[Permission("ViewEnterprises")]
public sealed class IndexModel(TenantDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public EnterpriseStatus? Status { get; set; }

    /// <summary>Only enterprises with a change request waiting for review.</summary>
    [BindProperty(SupportsGet = true)] public bool Changes { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Enterprise> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Set<Enterprise>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(e => e.Name.Contains(q) || e.CreditCode == q.ToUpper() || e.ContactMobile == q);
        }
        if (Status is { } status) query = query.Where(e => e.Status == status);
        if (Changes) query = query.Where(e => db.Set<ChangeRequest>().Any(c => c.EnterpriseId == e.Id && c.Status == ChangeStatus.Pending));
        var total = await query.CountAsync(ct);
        Pager = new Pager(PageNumber, 20, total, p => Url.Page("Index", new { q = Q, status = Status, changes = Changes ? true : (bool?)null, p })!);
        Items = await query.OrderBy(e => e.Name).ThenBy(e => e.Id).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }
}
