using System.IO.Compression;
using System.Net;
using Metrology.Certificates.Models;
using Metrology.Core.Appointments;
using Metrology.Excel;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Certificates;

/// <summary>
/// 完检后上传证书信息 (seed 004): a bulk upload from a lab system is checked row by row — unknown instrument, instrument not
/// received, missing PDF — and imports nothing unless asked for the valid rows; the uploaded PDF is what the enterprise downloads.
/// Reception is the demo self-delivery marked received through <c>IAppointmentRecords</c>.
/// </summary>
public sealed class CertificateUploadTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private IReadOnlySet<string> _demo = null!;
    private const string Gas = "13900000001", Branch = "第四分院";

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "CertUpload", "chongqing");
        _demo = await _site.CertificateIdsAsync();
        var gas = (await _site.InstrumentAsync("CQG2024-1001")).EnterpriseId;
        var demo = Assert.Single(await _site.AppointmentsAsync(), a => a.EnterpriseId == gas && a.State == AppointmentState.Confirmed);
        Assert.Null(await _site.InTenantAsync(s => s.GetRequiredService<IAppointmentRecords>().MarkReceivedAsync(demo.ContentItemId, "counter")));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_bulk_upload_with_planted_errors_reports_each_by_row_and_imports_only_the_valid_rows_when_asked()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var until = DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd");
        string?[] Row(string number, string serial) => [number, serial, "合格", today, until, "JJG 577-2012 膜式燃气表", "李检定", "赵核验", "陈批准"];
        var workbook = Xlsx(
            Row("LAB2026-0001", "CQG2024-1001"),   // row 2: fine
            Row("LAB2026-0002", "NO-SUCH-SERIAL"), // row 3: unknown instrument
            Row("LAB2026-0003", "CQY2022-0317"),   // row 4: a real instrument, not received
            Row("LAB2026-0004", "CQG2024-1002"));  // row 5: no PDF in the zip
        var zip = Zip("LAB2026-0001", "LAB2026-0002", "LAB2026-0003");

        using var lab = await _site.ReviewerAsync("lab", "检定人员", Branch);
        var report = await UploadAsync(lab, workbook, zip, validRows: false);
        var rows = report.QuerySelectorAll("#upload-errors li").Select(li => (li.GetAttribute("data-row"), li.TextContent)).ToList();
        Assert.Equal(new[] { "3", "4", "5" }, rows.Select(r => r.Item1 ?? "").ToArray());
        Assert.Contains("NO-SUCH-SERIAL", rows[0].TextContent);
        Assert.Contains("没有本机构已接收的约检器具", rows[1].TextContent);
        Assert.Contains("压缩包中没有 LAB2026-0004.pdf", rows[2].TextContent);
        Assert.Equal("0", report.QuerySelector("#imported")!.TextContent);
        Assert.Empty(await _site.CertificatesAsync(_demo));

        report = await UploadAsync(lab, workbook, zip, validRows: true);
        Assert.Equal("1", report.QuerySelector("#imported")!.TextContent);
        var row = Assert.Single(await _site.CertificatesAsync(_demo));
        Assert.Equal(("LAB2026-0001", CertificateStatus.Issued, true), (row.Number, row.Status, row.Uploaded));
        Assert.Equal(DateOnly.Parse(until), (await _site.InstrumentAsync("CQG2024-1001")).ValidUntil);

        // The enterprise downloads the lab's own PDF.
        using var gas = await _site.SignInAsync(Gas);
        var pdf = await (await gas.GetAsync($"{_site.Prefix}/my/certificates/LAB2026-0001/pdf")).Content.ReadAsByteArrayAsync();
        Assert.Contains("LAB2026-0001 from the lab system", await AppointmentTestSupport.PdfTextAsync(pdf));

        // The same number again is refused.
        report = await UploadAsync(lab, Xlsx(Row("LAB2026-0001", "CQG2024-1001")), zip, validRows: true);
        Assert.Contains("已存在", report.QuerySelector("#upload-errors")!.TextContent);
        Assert.Single(await _site.CertificatesAsync(_demo));
    }

    private async Task<AngleSharp.Dom.IDocument> UploadAsync(TestBrowser browser, byte[] workbook, byte[] zip, bool validRows)
    {
        var fields = new Dictionary<string, string>();
        if (validRows) fields["ImportValidRows"] = "true"; else fields["!ImportValidRows"] = "";
        var response = await browser.SubmitAsync($"{_site.Prefix}/admin/certificates/upload", fields, "form[action*='handler=Bulk']",
            new Dictionary<string, (string, byte[])> { ["Workbook"] = ("证书.xlsx", workbook), ["Archive"] = ("证书.zip", zip) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ParseAsync(response);
    }

    private static byte[] Xlsx(params string?[][] rows)
    {
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [new SheetData("证书", Metrology.Certificates.CertificateUpload.Columns, rows)]);
        return buffer.ToArray();
    }

    private static byte[] Zip(params string[] numbers)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var n in numbers)
            {
                using var entry = zip.CreateEntry($"{n}.pdf").Open();
                entry.Write(MinimalPdf($"{n} from the lab system"));
            }
        return buffer.ToArray();
    }

    /// <summary>A one-page PDF with a line of Latin text (what a lab system's file stands for here).</summary>
    private static byte[] MinimalPdf(string text)
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        using (var g = PdfSharp.Drawing.XGraphics.FromPdfPage(document.AddPage()))
        {
            Metrology.Documents.Pdf.CjkFontResolver.Install();
            g.DrawString(text, new PdfSharp.Drawing.XFont("CJK", 12, PdfSharp.Drawing.XFontStyleEx.Regular, new PdfSharp.Drawing.XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode)),
                PdfSharp.Drawing.XBrushes.Black, 50, 50);
        }
        return Metrology.Documents.Pdf.PdfBytes.Of(document);
    }
}
