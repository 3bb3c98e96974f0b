using Metrology.Certificates.Models;
using Metrology.Documents.Pdf;
using PdfSharp.Pdf;
using QRCoder;

namespace Metrology.Certificates;

/// <summary>What a certificate's PDF is drawn from: the certificate, its institution's layout, the logo and the check page's address.</summary>
internal sealed record CertificateDrawing(CertificatePart Certificate, CertificateLayout Layout, byte[]? Logo, string CheckUrl);

/// <summary>
/// Draws a certificate or failure notice with PDFsharp: the JJF 1069 cover page (number, page x of y, institute and logo,
/// customer, instrument, regulation, conclusion, signatories, dates, authorisation number, address, phone, QR code to the
/// check page) and the results page (standards, environment, results, notes). Text is Unicode and searchable.
/// </summary>
internal static class CertificatePdf
{
    private const double Left = 22, Right = 188, Label = 30, Value = 72;

    public static byte[] Render(CertificateDrawing d)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{d.Certificate.Title} {d.Certificate.Number}";
        document.Info.Creator = d.Layout.HeaderTitle ?? d.Certificate.InstitutionName;
        using (var cover = PdfCanvas.NewA4(document)) Cover(cover, d);
        using (var results = PdfCanvas.NewA4(document)) Results(results, d);
        return PdfBytes.Of(document);
    }

    private static void Cover(PdfCanvas c, CertificateDrawing d)
    {
        var p = d.Certificate;
        var layout = d.Layout;
        PageHead(c, p, 1);
        if (d.Logo is { Length: > 0 } logo) c.Image(logo, Left, 14, 24, 24);
        c.Text(Header(p, layout), 105, 40, 18, bold: true, align: TextAlign.Center);
        if (!string.IsNullOrWhiteSpace(layout.HeaderSubtitle)) c.Text(layout.HeaderSubtitle.Trim(), 105, 50, 10, align: TextAlign.Center);
        c.Text(string.Join(" ", p.Title.ToCharArray()), 105, 60, 26, bold: true, align: TextAlign.Center);
        c.Text($"证书编号：{p.Number}", 105, 76, 11, align: TextAlign.Center);

        var y = 90.0;
        void Row(string label, string? value)
        {
            c.Text(label, Label, y, 12);
            c.Text(value ?? "", Value + 2, y, 12);
            c.Line(Value, y + 6.5, Right - 8, y + 6.5, 0.4);
            y += 10.5;
        }
        Row("送 检 单 位", p.EnterpriseName);
        Row("计量器具名称", p.InstrumentName);
        Row("型 号 / 规 格", p.ModelSpec);
        Row("出 厂 编 号", p.SerialNumber);
        if (layout.ShowManufacturer) Row("制 造 单 位", p.Manufacturer);
        if (layout.ShowMeasuringRange && !string.IsNullOrWhiteSpace(p.MeasuringRange)) Row("测 量 范 围", p.MeasuringRange);
        Row("检 定 依 据", p.Regulation);
        if (layout.ShowAccuracyClass && !string.IsNullOrWhiteSpace(p.AccuracyClass)) Row("准确度等级", p.AccuracyClass);
        Row("检 定 结 论", p.Conclusion);

        y += 4;
        c.Text("批 准 人", Label, y, 12); c.Text(p.Approver, Value + 2, y, 12); y += 9;
        c.Text("核 验 员", Label, y, 12); c.Text(p.Checker, Value + 2, y, 12); y += 9;
        c.Text("检 定 员", Label, y, 12); c.Text(p.Verifier, Value + 2, y, 12); y += 12;
        c.Text("检 定 日 期", Label, y, 12); c.Text(Date(p.VerifiedOn), Value + 2, y, 12); y += 9;
        if (p.Passed && p.ValidUntil is { } until) { c.Text("有 效 期 至", Label, y, 12); c.Text(Date(until), Value + 2, y, 12); }

        c.Image(Qr(d.CheckUrl), 158, 218, 30, 30);
        c.Text("扫码核验真伪", 173, 249, 8, align: TextAlign.Center);

        c.Line(Left, 256, Right, 256, 0.8);
        var foot = 259.0;
        foreach (var line in new[]
        {
            $"计量授权证书号：{layout.AuthorizationNumber}",
            $"地址：{layout.Address ?? p.InstitutionAddress}{(string.IsNullOrWhiteSpace(layout.PostCode) ? "" : $"　邮编：{layout.PostCode}")}",
            $"电话：{layout.Phone ?? p.InstitutionPhone}",
        })
        {
            c.Text(line, Left, foot, 9);
            foot += 5.5;
        }
    }

    private static void Results(PdfCanvas c, CertificateDrawing d)
    {
        var p = d.Certificate;
        var layout = d.Layout;
        PageHead(c, p, 2);
        c.Text(p.Kind == CertificateKind.Certificate ? "检 定 结 果" : "检定结果通知", 105, 30, 16, bold: true, align: TextAlign.Center);
        var y = 44.0;
        void Section(string title, string body)
        {
            c.Text(title, Left, y, 12, bold: true);
            y = c.Paragraph(body, Left + 4, y + 7, Right - Left - 4, 11) + 3;
        }
        if (layout.ShowStandards) Section("一、检定使用的计量标准", string.IsNullOrWhiteSpace(p.Standards) ? "—" : p.Standards.Trim());
        if (layout.ShowEnvironment) Section("二、检定环境条件", $"温度：{p.Temperature ?? "—"}　　相对湿度：{p.Humidity ?? "—"}");
        var results = $"检定结论：{p.Conclusion}";
        if (layout.ShowAccuracyClass && !string.IsNullOrWhiteSpace(p.AccuracyClass)) results += $"\n准确度等级：{p.AccuracyClass}";
        if (!p.Passed && !string.IsNullOrWhiteSpace(p.FailedItems)) results += $"\n不合格项目：{p.FailedItems.Trim()}";
        results += $"\n检定依据：{p.Regulation}\n检定日期：{Date(p.VerifiedOn)}";
        if (p.Passed && p.ValidUntil is { } until) results += $"\n有效期至：{Date(until)}";
        Section("三、检定结果", results);

        c.Line(Left, 238, Right, 238, 0.5);
        c.Paragraph(layout.FooterNotes, Left, 241, Right - Left, 9, lineHeight: 1.4);
    }

    private static void PageHead(PdfCanvas c, CertificatePart p, int page)
    {
        c.Text($"证书编号：{p.Number}", Right, 12, 9, align: TextAlign.Right);
        c.Text($"第 {page} 页 共 2 页", Right, 17, 9, align: TextAlign.Right);
    }

    private static string Header(CertificatePart p, CertificateLayout layout) =>
        string.IsNullOrWhiteSpace(layout.HeaderTitle) ? p.InstitutionName : layout.HeaderTitle.Trim();

    public static string Date(DateOnly d) => $"{d.Year} 年 {d.Month} 月 {d.Day} 日";

    /// <summary>The QR code as an 8-bit RGB PNG (PDFsharp refuses QRCoder's default 1-bit greyscale).</summary>
    public static byte[] Qr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6, [0, 0, 0], [255, 255, 255]);
    }
}
