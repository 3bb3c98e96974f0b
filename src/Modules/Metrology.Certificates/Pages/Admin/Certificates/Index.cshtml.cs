using Metrology.Certificates.Models;
using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates.Pages.Admin.Certificates;

/// <summary>The institution's certificates (all for those who manage every institution): by status, number, serial or enterprise.</summary>
[Permission("ManageCertificates")]
public sealed class IndexModel(CertificateDesk desk, IEnterpriseDirectory enterprises) : PageModel
{
    [BindProperty(SupportsGet = true)] public CertificateStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public sealed record Row(CertificateIndex Certificate, string Enterprise);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool Unassigned { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visible = await desk.VisibleAsync(User, ct);
        Unassigned = visible is null;
        visible ??= Enumerable.Empty<CertificateIndex>().AsQueryable();
        if (Status is { } s) visible = visible.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(Q)) { var t = Q.Trim(); visible = visible.Where(c => c.Number.Contains(t) || c.SerialNumber.Contains(t)); }
        if (!string.IsNullOrWhiteSpace(Enterprise)) { var ids = enterprises.IdsWhereNameContains(Enterprise.Trim()); visible = visible.Where(c => ids.Contains(c.EnterpriseId)); }
        Pager = new Pager(PageNumber, 30, Unassigned ? 0 : await visible.CountAsync(ct), p => Url.Page("Index", new { status = Status, q = Q, enterprise = Enterprise, p })!);
        if (Unassigned) return;
        var page = await visible.OrderByDescending(c => c.IssuedUtc).ThenBy(c => c.Number).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
        var owners = await enterprises.FindManyAsync(page.Select(c => c.EnterpriseId), ct);
        Rows = page.Select(c => new Row(c, owners.GetValueOrDefault(c.EnterpriseId)?.Name ?? "")).ToList();
    }
}
