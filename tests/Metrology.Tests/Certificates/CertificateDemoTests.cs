using Metrology.Certificates.Models;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Certificates;

/// <summary>
/// The Zhaoqing demo shows a certificate in each state after its results were approved through sign-off: ZQJ2025-0104's
/// certificate corrected (Ⅱ级) and issued again, the first superseded; ZQB2025-0105's failure notice revoked with a reason.
/// </summary>
public sealed class CertificateDemoTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "CertDemo");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_corrected_certificate_supersedes_the_first_and_a_revoked_notice_shows_its_reason_on_the_check_page()
    {
        var rows = await _site.CertificatesAsync();
        var pass = rows.Where(c => c.SerialNumber == "ZQJ2025-0104").OrderBy(c => c.IssuedUtc).ToList();
        Assert.Equal([CertificateStatus.Superseded, CertificateStatus.Issued], pass.Select(c => c.Status));
        var first = await _site.CertificateAsync(pass[0].ContentItemId);
        var corrected = await _site.CertificateAsync(pass[1].ContentItemId);
        Assert.Equal((pass[1].Number, pass[0].ContentItemId, "Ⅱ级"), (first.SupersededByNumber, corrected.Supersedes, corrected.AccuracyClass));

        var notice = Assert.Single(rows, c => c.SerialNumber == "ZQB2025-0105");
        Assert.Equal((CertificateKind.FailureNotice, CertificateStatus.Revoked), (notice.Kind, notice.Status));
        using var visitor = site.Browser();
        var check = await visitor.GetDocumentAsync($"{_site.Prefix}/verify/{notice.Code}");
        Assert.Equal("已撤销", check.QuerySelector("#verify-status")!.TextContent.Trim());
        Assert.Contains("出厂编号录入有误", check.QuerySelector("#revoke-reason")!.TextContent);
        var superseded = await visitor.GetDocumentAsync($"{_site.Prefix}/verify/{pass[0].Code}");
        Assert.Contains(pass[1].Number, superseded.Body!.TextContent);
    }
}
