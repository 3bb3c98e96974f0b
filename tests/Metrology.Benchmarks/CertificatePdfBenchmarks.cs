using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Metrology.Certificates;
using Metrology.Certificates.Models;
using Metrology.Documents.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Metrology.Benchmarks;

/// <summary>
/// Certificate PDFs with PDFsharp, single-threaded: one certificate (cover page + results page, CJK text with the WenQuanYi
/// face subset, QR code, lines) against the baseline of a bare PDFsharp document with the same two pages of the same text
/// (no layout, QR code or lines). Op/s × 2 is pages per second (target ≥ 50 pages/s).
/// </summary>
[Config(typeof(InProcessConfig))]
[OperationsPerSecond]
[MemoryDiagnoser]
public class CertificatePdfBenchmarks
{
    private static readonly DateOnly Day = new(2026, 11, 29);

    internal static readonly CertificatePart Sample = new()
    {
        Kind = CertificateKind.Certificate, Status = CertificateStatus.Issued, Number = "JD2026-04-000123", Code = "ABCDEFGHJKLMNPQR",
        EnterpriseName = "重庆示例燃气有限公司", InstitutionId = 4, InstitutionName = "重庆市计量质量检测研究院第四分院",
        InstitutionAddress = "重庆市渝中区示例路 8 号", InstitutionPhone = "023-00000000",
        InstrumentName = "膜式燃气表", ModelSpec = "G2.5", SerialNumber = "CQG2024-1001", Manufacturer = "重庆示例仪表厂", MeasuringRange = "(0.016～4) m³/h",
        Regulation = "JJG 577-2012 膜式燃气表", Standards = "钟罩式气体流量标准装置 编号 2021-018，不确定度 0.5%", Temperature = "20.3 ℃", Humidity = "56 %RH",
        Passed = true, AccuracyClass = "1.5 级", VerifiedOn = Day, ValidUntil = Day.AddYears(2).AddDays(-1), Verifier = "李检定", Checker = "赵核验", Approver = "陈批准",
    };

    internal static readonly CertificateLayout Layout = new() { AuthorizationNumber = "(渝)法计(2021)01001号", HeaderSubtitle = "法定计量检定机构" };

    private CertificateDrawing _drawing = null!;
    private string[] _text = [];

    [GlobalSetup]
    public void Setup()
    {
        CjkFontResolver.Install();
        _drawing = new CertificateDrawing(Sample, Layout, null, "https://jl.example.gov.cn/chongqing/verify/ABCDEFGHJKLMNPQR");
        _text =
        [
            $"证书编号：{Sample.Number}", "第 1 页 共 2 页", Sample.InstitutionName, "检 定 证 书", "送检单位", Sample.EnterpriseName, "计量器具名称", Sample.InstrumentName,
            "型号/规格", Sample.ModelSpec, "出厂编号", Sample.SerialNumber, "制造单位", Sample.Manufacturer!, "检定依据", Sample.Regulation, "检定结论", "合格",
            "批准人", Sample.Approver, "核验员", Sample.Checker, "检定员", Sample.Verifier, "检定日期", "2026 年 11 月 29 日", "有效期至", "2028 年 11 月 28 日",
            $"计量授权证书号：{Layout.AuthorizationNumber}", $"地址：{Sample.InstitutionAddress}", $"电话：{Sample.InstitutionPhone}",
        ];
    }

    [Benchmark(Baseline = true, Description = "bare PDFsharp, same text, 2 pages")]
    public int BarePages()
    {
        using var document = new PdfDocument();
        var font = new XFont(CjkFontResolver.Family, 12, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        for (var page = 0; page < 2; page++)
        {
            using var g = XGraphics.FromPdfPage(document.AddPage());
            for (var i = 0; i < _text.Length; i++) g.DrawString(_text[i], font, XBrushes.Black, 60, 40 + i * 22);
        }
        return PdfBytes.Of(document).Length;
    }

    [Benchmark(Description = "certificate, 2 pages")]
    public int Certificate() => CertificatePdf.Render(_drawing).Length;

    internal static async IAsyncEnumerable<CertificatePart> Many()
    {
        for (var i = 1; i <= 1000; i++) yield return Sample with { Number = $"JD2026-04-{i:D6}" };
        await Task.CompletedTask;
    }
}

/// <summary>The enterprise's bulk download: 1,000 certificates drawn and written with their xlsx index into one zip (seconds per operation).</summary>
[Config(typeof(SingleRunConfig))]
[IterationCount(3)]
[MemoryDiagnoser]
public class CertificateZipBenchmarks
{
    private CertificateDrawing _drawing = null!;

    [GlobalSetup]
    public void Setup()
    {
        CjkFontResolver.Install();
        _drawing = new CertificateDrawing(CertificatePdfBenchmarks.Sample, CertificatePdfBenchmarks.Layout, null, "https://jl.example.gov.cn/chongqing/verify/ABCDEFGHJKLMNPQR");
    }

    [Benchmark(Description = "bulk zip of 1,000 certificates")]
    public async Task<long> Zip1000()
    {
        using var output = new MemoryStream();
        await CertificateExport.WriteAsync(output, CertificatePdfBenchmarks.Many(), part => Task.FromResult(CertificatePdf.Render(_drawing with { Certificate = part })));
        return output.Length;
    }
}
