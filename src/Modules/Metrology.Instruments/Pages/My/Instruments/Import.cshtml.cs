using Metrology.Core.Enterprises;
using System.Security.Claims;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Core.Web;
using Metrology.Instruments.Import;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Instruments.Pages.My.Instruments;

/// <summary>
/// Excel import into the enterprise's library: the upload starts a background import (<see cref="ImportJobs"/>);
/// the page then shows its progress, polling <c>?handler=Progress</c>, and its report, with the uploaded
/// workbook offered back with the errors marked.
/// </summary>
[Permission("ManageOwnInstruments")]
[RequestSizeLimit(MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 1024 * 1024)]
public sealed class ImportModel(InstrumentLibrary library, ImportJobs jobs, TenantContext tenant) : EnterprisePage
{
    public const long MaxBytes = 20 * 1024 * 1024;
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public bool ImportValidRows { get; set; }

    public ImportJob? Job { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public IActionResult OnGet()
    {
        if (Token is null) return Page();
        Job = jobs.Find(tenant.Tenant, UserId, Token);
        return Job is null ? RedirectToPage() : Page();
    }

    public IActionResult OnGetProgress()
    {
        var job = jobs.Find(tenant.Tenant, UserId, Token);
        return job is null ? NotFound() : new JsonResult(new { rows = job.Progress.RowsRead, writing = job.Progress.Writing, done = job.Done });
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? workbook, CancellationToken ct)
    {
        if (jobs.Running(tenant.Tenant, UserId) is { } running)
        {
            ModelState.AddModelError("Workbook", "上一个文件还在导入中，请等它完成后再上传。");
            Job = running;
            return Page();
        }
        var problem = workbook is null ? "请选择要导入的 Excel 文件。" : await UploadCheck.CheckAsync(workbook, [".xlsx"], MaxBytes);
        if (problem is not null)
        {
            ModelState.AddModelError("Workbook", problem);
            return Page();
        }
        await using var upload = workbook!.OpenReadStream();
        var job = await jobs.StartAsync(tenant.Tenant, UserId, User.Identity?.Name, Enterprise.Id, upload, Path.GetFileName(workbook.FileName), ImportValidRows, ct);
        return RedirectToPage(new { token = job.Token });
    }

    /// <summary>The uploaded workbook with a "错误说明" column and the bad cells filled red.</summary>
    public async Task<IActionResult> OnGetMarkedAsync(CancellationToken ct)
    {
        if (jobs.Find(tenant.Tenant, UserId, Token) is not { Result: { } result } job || !System.IO.File.Exists(job.FilePath)) return NotFound();
        var sheet = await library.SheetAsync(ct);
        // The package is edited in place, so the copy is made in a temporary file that goes away once sent.
        var output = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await using (var original = System.IO.File.OpenRead(job.FilePath)) MarkedWorkbook.Write(original, output, sheet.Columns, result.Errors);
        output.Position = 0;
        return File(output, ContentType, $"{Path.GetFileNameWithoutExtension(job.FileName)}-错误说明.xlsx");
    }

    /// <summary>The import template: the tenant's columns, the codes sheet and an example row.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        File(await library.TemplateAsync(ct), ContentType, "强检器具导入模板.xlsx");
}
