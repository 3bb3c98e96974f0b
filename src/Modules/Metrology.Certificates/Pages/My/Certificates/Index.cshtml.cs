using Metrology.Certificates.Models;
using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates.Pages.My.Certificates;

/// <summary>检定证书: the enterprise's certificates and failure notices, by status and instrument; the PDF of an issued one; 电子证书 again.</summary>
[Permission("ViewOwnCertificates")]
public sealed class IndexModel(CertificateLibrary library) : EnterprisePage
{
    [BindProperty(SupportsGet = true)] public CertificateStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CertificateIndex> Rows { get; private set; } = [];
    public IReadOnlyDictionary<CertificateStatus, int> Counts { get; private set; } = new Dictionary<CertificateStatus, int>();
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = library.Query(Enterprise.Id);
        Counts = await mine.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var q = Status is { } s ? mine.Where(c => c.Status == s) : mine;
        if (!string.IsNullOrWhiteSpace(Q)) { var t = Q.Trim(); q = q.Where(c => c.Number.Contains(t) || c.SerialNumber.Contains(t) || c.InstrumentName.Contains(t)); }
        Pager = new Pager(PageNumber, 20, await q.CountAsync(ct), p => Url.Page("Index", new { status = Status, q = Q, p })!);
        Rows = await q.OrderByDescending(c => c.IssuedUtc).ThenBy(c => c.Number).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }

    /// <summary>The PDF by the certificate's id or number, only the enterprise's own and only while issued.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string id, CancellationToken ct)
    {
        var key = id?.Trim() ?? "";
        var own = await library.Query(Enterprise.Id).Where(c => c.ContentItemId == key || c.Number == key).Select(c => c.ContentItemId).FirstOrDefaultAsync(ct);
        if (own is null || await library.PdfAsync(Enterprise.Id, own, ct) is not { } pdf) return NotFound();
        return File(pdf.Pdf, "application/pdf", pdf.FileName);
    }
}
