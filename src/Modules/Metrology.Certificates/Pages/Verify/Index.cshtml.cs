using Metrology.Certificates.Models;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Certificates.Pages.Verify;

/// <summary>
/// 证书核验 (from the QR code, anonymous): the certificate's number, instrument, conclusion, valid-until, institution and
/// status, the enterprise's name masked. Only by the random code; a wrong code says only that nothing was found; look-ups
/// are rate limited per address.
/// </summary>
public sealed class IndexModel(TenantDbContext db, ContentManager contents, CheckThrottle throttle, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";

    public CertificatePart? Certificate { get; private set; }
    public bool Throttled { get; private set; }

    /// <summary>有效 / 已过期 / 已撤销 / 已被替代.</summary>
    public string Status { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (!throttle.TryEnter(HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?"))
        {
            Throttled = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var code = Code.Trim().ToUpperInvariant();
        var id = CertificateNumbers.LooksLikeCode(code)
            ? await db.Set<CertificateIndex>().AsNoTracking().Where(c => c.Code == code).Select(c => c.ContentItemId).FirstOrDefaultAsync(ct)
            : null;
        if (id is not null && await contents.GetAsync(id, VersionOptions.Latest, ct) is { ContentType: CertificateIssuer.ContentType } item)
            Certificate = CertificatePart.Of(item);
        if (Certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        Status = Certificate switch
        {
            { Status: CertificateStatus.Revoked } => "已撤销",
            { Status: CertificateStatus.Superseded } => "已被替代",
            { Passed: true, ValidUntil: { } until } when until < today => "已过期",
            _ => "有效",
        };
        return Page();
    }
}
