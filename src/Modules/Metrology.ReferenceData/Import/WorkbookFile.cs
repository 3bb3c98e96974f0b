using Metrology.Excel;
using Metrology.Core.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Metrology.ReferenceData.Import;

/// <summary>An uploaded workbook checked before it is read, and a workbook offered for download.</summary>
internal static class WorkbookFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<string?> CheckAsync(IFormFile? file) =>
        file is null ? "请选择要导入的 Excel 文件。" : await UploadCheck.CheckAsync(file, [".xlsx"], MaxBytes);

    /// <summary>Checks the upload, then runs the import; a refused file is reported at the upload field.</summary>
    public static async Task<ImportResult?> ImportAsync(IFormFile? file, ModelStateDictionary state, Func<Stream, Task<ImportResult>> import)
    {
        if (await CheckAsync(file) is { } problem)
        {
            state.AddModelError("Workbook", problem);
            return null;
        }
        await using var stream = file!.OpenReadStream();
        try
        {
            return await import(stream);
        }
        catch (InvalidDataException e)
        {
            state.AddModelError("Workbook", e.Message);
            return null;
        }
    }

    public static FileContentResult Download(string fileName, params SheetData[] sheets)
    {
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, sheets);
        return new FileContentResult(buffer.ToArray(), ContentType) { FileDownloadName = fileName };
    }
}
