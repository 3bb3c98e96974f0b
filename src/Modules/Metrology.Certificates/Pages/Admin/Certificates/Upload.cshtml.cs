using Metrology.Core.Admin;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Core.Web;
using Metrology.Excel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Certificates.Pages.Admin.Certificates;

/// <summary>上传证书: certificates from the institute's lab system, one (PDF + data) or in bulk (xlsx + zip of PDFs named by number).</summary>
[Permission("ManageCertificates")]
public sealed class UploadModel(CertificateUpload upload, IReferenceData reference) : PageModel
{
    private const long MaxPdfBytes = CertificateUpload.MaxPdfMegabytes * 1024L * 1024, MaxXlsxBytes = 20L * 1024 * 1024, MaxZipBytes = 512L * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public int InstitutionId { get; set; }
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? SerialNumber { get; set; }
    [BindProperty] public bool Passed { get; set; } = true;
    [BindProperty] public DateOnly? VerifiedOn { get; set; }
    [BindProperty] public DateOnly? ValidUntil { get; set; }
    [BindProperty] public string? Regulation { get; set; }
    [BindProperty] public string? Verifier { get; set; }
    [BindProperty] public string? Checker { get; set; }
    [BindProperty] public string? Approver { get; set; }
    [BindProperty] public IFormFile? Pdf { get; set; }
    [BindProperty] public IFormFile? Workbook { get; set; }
    [BindProperty] public IFormFile? Archive { get; set; }
    [BindProperty] public bool ImportValidRows { get; set; }

    public IReadOnlyList<InstitutionEntry> Institutions { get; private set; } = [];
    public ImportResult? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public IActionResult OnGetTemplate()
    {
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [new SheetData("证书", CertificateUpload.Columns, [])]);
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "证书上传模板.xlsx");
    }

    public async Task<IActionResult> OnPostSingleAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (Pdf is null) { Error = "请选择证书 PDF。"; return Page(); }
        if (await UploadCheck.CheckAsync(Pdf, [".pdf"], MaxPdfBytes) is { } bad) { Error = bad; return Page(); }
        if (string.IsNullOrWhiteSpace(Number) || string.IsNullOrWhiteSpace(SerialNumber) || VerifiedOn is null || string.IsNullOrWhiteSpace(Regulation)
            || string.IsNullOrWhiteSpace(Verifier) || string.IsNullOrWhiteSpace(Checker) || string.IsNullOrWhiteSpace(Approver))
        {
            Error = "请填写证书编号、出厂编号、检定日期、检定依据和检定员、核验员、批准人。";
            return Page();
        }
        using var copy = new MemoryStream();
        await Pdf.CopyToAsync(copy, ct);
        var result = await upload.SingleAsync(InstitutionId, new UploadedCertificate(Number.Trim(), SerialNumber.Trim(), Passed, VerifiedOn.Value, ValidUntil,
            Regulation.Trim(), Verifier.Trim(), Checker.Trim(), Approver.Trim()), copy.ToArray(), User.Identity?.Name, ct);
        if (!result.Succeeded) { Error = result.Error; return Page(); }
        TempData.Success($"证书 {Number.Trim()} 已上传并发放。");
        return RedirectToPage("Certificate", new { id = result.Id });
    }

    public async Task<IActionResult> OnPostBulkAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (Workbook is null || Archive is null) { Error = "请选择证书数据表（.xlsx）和证书压缩包（.zip）。"; return Page(); }
        if (await UploadCheck.CheckAsync(Workbook, [".xlsx"], MaxXlsxBytes) is { } badSheet) { Error = badSheet; return Page(); }
        if (!Path.GetExtension(Archive.FileName).Equals(".zip", StringComparison.OrdinalIgnoreCase) || Archive.Length > MaxZipBytes)
        {
            Error = $"证书压缩包应为 .zip 文件，不超过 {MaxZipBytes / 1024 / 1024} MB。";
            return Page();
        }
        try
        {
            await using var sheet = Workbook.OpenReadStream();
            await using var zip = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await Archive.CopyToAsync(zip, ct);
            zip.Position = 0;
            Result = await upload.BulkAsync(InstitutionId, sheet, zip, ImportValidRows, User.Identity?.Name, ct);
        }
        catch (InvalidDataException e)
        {
            Error = e.Message;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var all = await reference.InstitutionsAsync(ct);
        if (await reference.MayManageAllInstitutionsAsync(User)) Institutions = all;
        else if (await reference.InstitutionOfAsync(User, ct) is int own) Institutions = all.Where(i => i.Id == own).ToList();
        if (Institutions.Count == 0) return false;
        if (Institutions.All(i => i.Id != InstitutionId)) InstitutionId = Institutions[0].Id;
        return true;
    }
}
