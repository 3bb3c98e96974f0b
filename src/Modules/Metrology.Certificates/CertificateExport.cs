using System.IO.Compression;
using Metrology.Certificates.Models;
using Metrology.Excel;

namespace Metrology.Certificates;

/// <summary>
/// 批量下载: the certificates of a filter as one zip — each PDF named by its number, and 证书目录.xlsx listing them —
/// written straight to the response stream (no temporary file). What enterprises of other provinces asked for instead of
/// scraping PDFs one by one.
/// </summary>
public static class CertificateExport
{
    public const int MaxCertificates = 2000;

    private static readonly SheetColumn[] Columns =
    [
        new("证书编号", Width: 22), new("类别", Width: 14), new("器具名称", Width: 20), new("型号规格"), new("出厂编号", Width: 20),
        new("检定结论", Width: 10), new("检定日期", Width: 12), new("有效期至", Width: 12), new("检定机构", Width: 24), new("文件名", Width: 26),
    ];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<CertificatePart> certificates, Func<CertificatePart, Task<byte[]>> pdf, CancellationToken ct = default)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var rows = new List<IReadOnlyList<string?>>();
        await foreach (var c in certificates.WithCancellation(ct))
        {
            var name = $"{c.Number}.pdf";
            // PDFs are compressed already: store them.
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            await using (var stream = entry.Open()) await stream.WriteAsync(await pdf(c), ct);
            rows.Add([c.Number, c.Title, c.InstrumentName, c.ModelSpec, c.SerialNumber, c.Conclusion, c.VerifiedOn.ToString("yyyy-MM-dd"),
                c.ValidUntil?.ToString("yyyy-MM-dd"), c.InstitutionName, name]);
        }
        var index = zip.CreateEntry("证书目录.xlsx", CompressionLevel.Fastest);
        await using var sheet = index.Open();
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [new SheetData("证书目录", Columns, rows)]);
        buffer.Position = 0;
        await buffer.CopyToAsync(sheet, ct);
    }
}
