using System.Net;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Certificates;

/// <summary>An enterprise sees only its own certificates; staff only their institution's; the check page reveals nothing for a wrong code.</summary>
public sealed class CertificateAccessTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private IReadOnlySet<string> _demo = null!;
    private const string Gas = "13900000001", Station = "13900000002", Branch = "第四分院", Main = "重庆市计量质量检测研究院";

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "CertAccess", "chongqing");
        _demo = await _site.CertificateIdsAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_enterprise_cannot_download_anothers_certificate_by_id_or_number_and_staff_of_another_institution_cannot_open_it()
    {
        await _site.ApproveAsync(await _site.ResultForAsync("CQJ2023-0501", Branch));
        var row = Assert.Single(await _site.CertificatesAsync(_demo));

        using var station = await _site.SignInAsync(Station);
        Assert.Equal(HttpStatusCode.OK, (await station.GetAsync($"{_site.Prefix}/my/certificates/{row.Number}/pdf")).StatusCode);
        using var gas = await _site.SignInAsync(Gas);
        Assert.Equal(HttpStatusCode.NotFound, (await gas.GetAsync($"{_site.Prefix}/my/certificates/{row.ContentItemId}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gas.GetAsync($"{_site.Prefix}/my/certificates/{row.Number}/pdf")).StatusCode);
        Assert.DoesNotContain(row.Number, (await gas.GetDocumentAsync($"{_site.Prefix}/my/certificates")).Body!.TextContent);

        using var other = await _site.ReviewerAsync("main-lab", "检定人员", Main);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{_site.Prefix}/admin/certificates/{row.ContentItemId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{_site.Prefix}/admin/certificates/{row.ContentItemId}?handler=Pdf")).StatusCode);
        Assert.DoesNotContain(row.Number, (await other.GetDocumentAsync($"{_site.Prefix}/admin/certificates")).Body!.TextContent);
        using var own = await _site.ReviewerAsync("branch-lab", "检定人员", Branch);
        Assert.Contains(row.Number, (await own.GetDocumentAsync($"{_site.Prefix}/admin/certificates")).Body!.TextContent);
    }

    [Fact]
    public async Task A_wrong_code_or_a_certificate_number_on_the_check_page_says_only_that_nothing_was_found()
    {
        await _site.ApproveAsync(await _site.ResultForAsync("CQG2024-1001", Branch));
        var row = Assert.Single(await _site.CertificatesAsync(_demo));
        using var visitor = site.Browser();
        var answers = new List<string>();
        foreach (var code in new[] { "ABCDEFGHJKLMNPQR", row.Number, "x", "%27%20OR%201%3D1" })
        {
            var response = await visitor.GetAsync($"{_site.Prefix}/verify/{code}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var text = (await TestBrowser.ParseAsync(response)).QuerySelector("#verify-result")!.TextContent.Trim();
            Assert.DoesNotContain(row.Number, text);
            answers.Add(text);
        }
        Assert.Single(answers.Distinct());
        Assert.Contains("未找到", answers[0]);
    }
}
