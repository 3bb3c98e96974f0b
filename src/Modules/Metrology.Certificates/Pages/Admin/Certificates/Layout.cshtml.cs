using Metrology.Certificates.Models;
using Metrology.Core.Admin;
using Metrology.Core.Media;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Core.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Certificates.Pages.Admin.Certificates;

/// <summary>证书版式: an institution's header texts, logo, authorisation number, address, phone, footer notes and optional rows, with a PDF preview.</summary>
[Permission("ManageCertificateLayout")]
public sealed class LayoutModel(IReferenceData reference, DocumentStore documents, IFileStore fileStore, CertificateFiles files, TimeProvider clock) : PageModel
{
    private const long MaxLogoBytes = 512 * 1024;

    [BindProperty(SupportsGet = true)] public int InstitutionId { get; set; }
    [BindProperty] public CertificateLayout Input { get; set; } = new();
    [BindProperty] public IFormFile? Logo { get; set; }
    [BindProperty] public bool RemoveLogo { get; set; }
    [BindProperty] public string? PublicBaseUrl { get; set; }

    public IReadOnlyList<InstitutionEntry> Institutions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var settings = await files.SettingsAsync(ct);
        Input = settings.LayoutOf(InstitutionId);
        PublicBaseUrl = settings.PublicBaseUrl;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var settings = await files.SettingsAsync(ct);
        var layout = await CheckedAsync(settings.LayoutOf(InstitutionId), ct);
        if (layout is null) return Page();
        if (Logo is { Length: > 0 })
        {
            var path = $"certificates/logos/{InstitutionId}{Path.GetExtension(Logo.FileName).ToLowerInvariant()}";
            await using var stream = Logo.OpenReadStream();
            await fileStore.SaveAsync(path, stream, ct);
            layout = layout with { LogoPath = path };
        }
        var layouts = new Dictionary<int, CertificateLayout>(settings.Layouts) { [InstitutionId] = layout };
        var publicUrl = string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.Trim().TrimEnd('/');
        await documents.SaveAsync(settings with { Layouts = layouts, PublicBaseUrl = publicUrl }, ct);
        TempData.Success("证书版式已保存，之后生成的证书 PDF 使用新版式。");
        return RedirectToPage(new { InstitutionId });
    }

    /// <summary>预览: a sample certificate drawn with the layout as it is in the form (nothing saved).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var settings = await files.SettingsAsync(ct);
        var layout = await CheckedAsync(settings.LayoutOf(InstitutionId), ct);
        if (layout is null) return Page();
        var institution = Institutions.First(i => i.Id == InstitutionId);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var sample = new CertificatePart
        {
            Kind = CertificateKind.Certificate, Status = CertificateStatus.Issued, Number = "JD" + today.Year + "-00-000000", Code = "PREVIEW0PREVIEW0",
            EnterpriseName = "示例企业有限公司", InstitutionId = InstitutionId, InstitutionName = institution.Name,
            InstitutionAddress = institution.Addresses?.Split('\n')[0], InstitutionPhone = institution.Phone,
            InstrumentName = "燃气表", ModelSpec = "G2.5", SerialNumber = "SAMPLE-0001", Manufacturer = "示例仪表有限公司", MeasuringRange = "(0.016～4) m³/h",
            Regulation = "JJG 577-2012 膜式燃气表", Standards = "钟罩式气体流量标准装置", Temperature = "20.5 ℃", Humidity = "55 %RH",
            Passed = true, AccuracyClass = "1.5 级", VerifiedOn = today, ValidUntil = today.AddYears(1).AddDays(-1),
            Verifier = "检定员", Checker = "核验员", Approver = "批准人",
        };
        var pdf = await files.RenderAsync(sample, layout, settings, ct);
        if (Logo is { Length: > 0 })
        {
            // An uploaded logo is previewed before it is saved.
            using var copy = new MemoryStream();
            await Logo.CopyToAsync(copy, ct);
            pdf = Metrology.Certificates.CertificatePdf.Render(new CertificateDrawing(sample, layout, copy.ToArray(), files.CheckUrl(settings, sample.Code)));
        }
        return File(pdf, "application/pdf");
    }

    private async Task<CertificateLayout?> CheckedAsync(CertificateLayout saved, CancellationToken ct)
    {
        var i = Input;
        void Long(string? value, int max, string key, string label) { if (value?.Trim().Length > max) ModelState.AddModelError(key, $"{label}最多 {max} 个字。"); }
        Long(i.HeaderTitle, 40, "Input.HeaderTitle", "抬头");
        Long(i.HeaderSubtitle, 80, "Input.HeaderSubtitle", "副标题");
        Long(i.AuthorizationNumber, 60, "Input.AuthorizationNumber", "授权证书号");
        Long(i.Address, 100, "Input.Address", "地址");
        Long(i.Phone, 60, "Input.Phone", "电话");
        Long(i.PostCode, 10, "Input.PostCode", "邮编");
        Long(i.FooterNotes, 600, "Input.FooterNotes", "声明");
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && (!Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || PublicBaseUrl.Length > 200))
            ModelState.AddModelError("PublicBaseUrl", "请填写以 http:// 或 https:// 开头的网址。");
        if (Logo is { Length: > 0 } && await UploadCheck.CheckAsync(Logo, [".png", ".jpg", ".jpeg"], MaxLogoBytes) is { } problem)
            ModelState.AddModelError("Logo", problem);
        if (ModelState.ErrorCount > 0) return null;
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        return i with
        {
            HeaderTitle = Clean(i.HeaderTitle), HeaderSubtitle = Clean(i.HeaderSubtitle), AuthorizationNumber = Clean(i.AuthorizationNumber),
            Address = Clean(i.Address), Phone = Clean(i.Phone), PostCode = Clean(i.PostCode), FooterNotes = i.FooterNotes?.Trim() ?? "",
            LogoPath = RemoveLogo ? null : saved.LogoPath,
        };
    }

    /// <summary>The institutions this user may lay out: every one for those who manage all, else their own.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var all = await reference.InstitutionsAsync(ct);
        if (await reference.MayManageAllInstitutionsAsync(User)) Institutions = all;
        else if (await reference.InstitutionOfAsync(User, ct) is int own) Institutions = all.Where(i => i.Id == own).ToList();
        if (Institutions.Count == 0) return false;
        if (Institutions.All(i => i.Id != InstitutionId)) InstitutionId = Institutions[0].Id;
        return true;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
