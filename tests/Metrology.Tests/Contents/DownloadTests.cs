using System.Diagnostics;
using System.Net;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Contents;

/// <summary>The forms of seed 004 (附件1, 附件2) are content staff edit, offered on the portal as printable PDFs.</summary>
public sealed class DownloadTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Dl");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("downloads/authorisation", "授权委托书", "代理人无转委托权")]
    [InlineData("downloads/commitment", "诚信计量自我承诺书", "不使用国家明令淘汰或者禁止使用的计量器具")]
    public async Task A_letter_is_offered_as_a_pdf_with_its_chinese_text(string path, string title, string text)
    {
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"/{_tenant.RequestUrlPrefix}/{path}");
        var link = page.QuerySelector("article a.btn")!.GetAttribute("href")!;
        var pdf = await visitor.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, await pdf.Content.ReadAsByteArrayAsync());
        try
        {
            var extracted = await PdfTextAsync(file);
            Assert.Contains(title, extracted);
            Assert.Contains(text, extracted.Replace("\n", "").Replace(" ", ""));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> PdfTextAsync(string file)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
