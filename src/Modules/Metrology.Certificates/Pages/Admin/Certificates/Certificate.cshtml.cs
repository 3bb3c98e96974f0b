using Metrology.Certificates.Models;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Certificates.Pages.Admin.Certificates;

/// <summary>One certificate for the institution: its data and status, the PDF, revoke with a reason, re-issue corrected with a new number.</summary>
[Permission("ManageCertificates")]
public sealed class CertificateModel(CertificateDesk desk, CertificateFiles files) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public CertificateCorrection? Correction { get; set; }

    public CertificatePart Certificate { get; private set; } = null!;
    public string CheckUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (await desk.GetAsync(User, Id, ct) is not { } found) return NotFound();
        return File(await files.PdfAsync(found.Part, ct), "application/pdf", files.FileName(found.Part));
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (await desk.RevokeAsync(User, Id, Reason, ct) is { } error)
        {
            ModelState.AddModelError("Reason", error);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        TempData.Success("证书已撤销，核验页面将显示撤销原因。");
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostReissueAsync(CancellationToken ct)
    {
        var result = Correction is null ? CertificateResult.Fail("请填写更正后的内容。") : await desk.ReissueAsync(User, Id, Correction, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Correction", result.Error!);
            return await LoadAsync(ct, keepCorrection: true) ? Page() : NotFound();
        }
        TempData.Success("已重新出具证书，原证书已标记为被替代。");
        return RedirectToPage(new { Id = result.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct, bool keepCorrection = false)
    {
        if (await desk.GetAsync(User, Id, ct) is not { } found) return false;
        Certificate = found.Part;
        if (!keepCorrection) Correction = CertificateCorrection.From(Certificate);
        CheckUrl = files.CheckUrl(await files.SettingsAsync(ct), Certificate.Code);
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
