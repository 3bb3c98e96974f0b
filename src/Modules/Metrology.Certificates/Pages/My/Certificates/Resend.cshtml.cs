using Metrology.Core.Admin;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Certificates.Pages.My.Certificates;

/// <summary>电子证书 (seed 000 §4.3): the latest issued certificate of the selected instruments e-mailed again, from the certificate list or the library's selection.</summary>
[Permission("ViewOwnCertificates")]
public sealed class ResendModel(CertificateLibrary library) : EnterprisePage
{
    public IActionResult OnGet() => RedirectToPage("Index");

    public async Task<IActionResult> OnPostAsync(List<string> selected, CancellationToken ct)
    {
        var (sent, problems) = await library.ResendAsync(Enterprise, selected, User.Identity?.Name, ct);
        if (sent > 0) TempData.Success($"已将 {sent} 份电子证书发送至 {Enterprise.Email}。" + string.Join("", problems));
        else TempData.Error(problems.Count > 0 ? string.Join("", problems) : "请选择器具。");
        return RedirectToPage("Index");
    }
}
