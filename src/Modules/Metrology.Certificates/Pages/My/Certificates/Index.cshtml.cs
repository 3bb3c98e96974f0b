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
        var q = Filtered(mine);
        Pager = new Pager(PageNumber, 20, await q.CountAsync(ct), p => Url.Page("Index", new { status = Status, q = Q, p })!);
        Rows = await q.OrderByDescending(c => c.IssuedUtc).ThenBy(c => c.Number).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync(ct);
    }

    /// <summary>批量下载: the issued certificates of the filter as one zip with an xlsx index (at most <see cref="CertificateExport.MaxCertificates"/>).</summary>
    public async Task<IActionResult> OnGetZipAsync(CancellationToken ct)
    {
        var q = Filtered(library.Query(Enterprise.Id)).Where(c => c.Status == CertificateStatus.Issued);
        var ids = await q.OrderBy(c => c.Number).Select(c => c.ContentItemId).Take(CertificateExport.MaxCertificates + 1).ToListAsync(ct);
        if (ids.Count == 0 || ids.Count > CertificateExport.MaxCertificates)
        {
            TempData.Error(ids.Count == 0 ? "没有可下载的证书（待缴费、已撤销的证书不能下载）。" : $"一次最多下载 {CertificateExport.MaxCertificates} 份证书，请缩小查询范围。");
            return RedirectToPage("Index", new { status = Status, q = Q });
        }
        // A temporary file, deleted when the response is done: a large export never sits in memory.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await CertificateExport.WriteAsync(file, library.PartsAsync(Enterprise.Id, ids, ct), part => library.FileAsync(part, ct), ct);
        file.Position = 0;
        return File(file, "application/zip", $"检定证书-{DateTime.Now:yyyyMMdd}.zip");
    }

    private IQueryable<CertificateIndex> Filtered(IQueryable<CertificateIndex> q)
    {
        if (Status is { } s) q = q.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(Q)) { var t = Q.Trim(); q = q.Where(c => c.Number.Contains(t) || c.SerialNumber.Contains(t) || c.InstrumentName.Contains(t)); }
        return q;
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
