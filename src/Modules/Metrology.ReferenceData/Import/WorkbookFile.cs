using Metrology.Core.Excel;
using Metrology.Core.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.ReferenceData.Import;

/// <summary>An uploaded workbook checked before it is read, and a workbook offered for download.</summary>
internal static class WorkbookFile
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<string?> CheckAsync(IFormFile? file) =>
        file is null ? "请选择要导入的 Excel 文件。" : await UploadCheck.CheckAsync(file, [".xlsx"], ReferenceImport.MaxBytes);

    public static FileContentResult Download(string fileName, params SheetData[] sheets)
    {
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, sheets);
        return new FileContentResult(buffer.ToArray(), ContentType) { FileDownloadName = fileName };
    }
}
