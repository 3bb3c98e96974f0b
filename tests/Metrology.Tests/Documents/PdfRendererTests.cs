using System.Diagnostics;
using System.Text;
using Metrology.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Metrology.Tests.Documents;

public sealed class PdfRendererTests
{
    private const string Certificate = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><style>{{{css}}}</style></head>
        <body><h1>{{title}}</h1><p>{{institute}}</p></body></html>
        """;

    [Fact]
    public async Task A_template_with_Chinese_text_renders_a_PDF_whose_text_is_that_Chinese_text()
    {
        await using var renderer = NewRenderer();

        var pdf = await renderer.RenderTemplateAsync(Certificate, new { css = PrintStyles.Css, title = "检定证书", institute = "肇庆市质量计量监督检测所" });

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = await PdfTextAsync(pdf);
        Assert.Contains("检定证书", text);
        Assert.Contains("肇庆市质量计量监督检测所", text);
    }

    [Fact]
    public async Task A_model_value_holding_a_script_is_printed_as_text_and_never_runs()
    {
        await using var renderer = NewRenderer();
        const string template = """<p id="t">原始文字</p><div>{{remark}}</div>""";
        // Split so that only a script that ran could put the joined words on the page.
        var remark = "<script>document.getElementById('t').textContent = '已被' + '篡改';</script>";

        var text = await PdfTextAsync(await renderer.RenderTemplateAsync(template, new { remark }));

        Assert.Contains("<script>", text);
        Assert.Contains("原始文字", text);
        Assert.DoesNotContain("已被篡改", text);
    }

    [Fact]
    public async Task Two_renders_at_once_both_succeed()
    {
        await using var renderer = NewRenderer();

        var pdfs = await Task.WhenAll(
            renderer.RenderHtmlAsync("<p>第一份</p>"),
            renderer.RenderTemplateAsync("<p>{{name}}</p>", new { name = "第二份" }, new PdfOptions(Format: "A5", Landscape: true)));

        Assert.Contains("第一份", await PdfTextAsync(pdfs[0]));
        Assert.Contains("第二份", await PdfTextAsync(pdfs[1]));
    }

    [Fact]
    public async Task A_broken_template_is_reported_as_a_template_error()
    {
        await using var renderer = NewRenderer();

        var e = await Assert.ThrowsAsync<PdfTemplateException>(() => renderer.RenderTemplateAsync("<p>{{#if ok}}未闭合</p>", new { ok = true }));

        Assert.StartsWith("模板有误", e.Message);
    }

    [Fact]
    public async Task A_missing_Chromium_is_reported_in_Chinese_with_its_path()
    {
        await using var renderer = NewRenderer("/nonexistent/chromium");

        var e = await Assert.ThrowsAsync<PdfUnavailableException>(() => renderer.RenderHtmlAsync("<p>x</p>"));

        Assert.Contains("未找到 Chromium", e.Message);
        Assert.Contains("/nonexistent/chromium", e.Message);
    }

    [Fact]
    public async Task An_image_on_the_network_is_blocked_and_the_page_still_renders()
    {
        await using var renderer = NewRenderer();

        var pdf = await renderer.RenderHtmlAsync("""<p>网络图片</p><img src="http://example.com/x.png"><link rel="stylesheet" href="https://example.com/x.css">""");

        Assert.Contains("网络图片", await PdfTextAsync(pdf));
    }

    private static PdfRenderer NewRenderer(string? chromiumPath = null)
    {
        var settings = new Dictionary<string, string?>();
        if (chromiumPath is not null) settings["Metrology:Pdf:ChromiumPath"] = chromiumPath;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new PdfRenderer(configuration, NullLogger<PdfRenderer>.Instance);
    }

    // poppler-utils' pdftotext reads the text layer the way a person copying from the PDF would get it.
    internal static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"metrology-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var arg in new[] { "-enc", "UTF-8", file, "-" }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start (install poppler-utils)");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
