using System.Net;
using Metrology.Certificates.Models;
using Metrology.Core.Verification;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Certificates;

/// <summary>An approved result makes the certificate: its PDF, its QR code to the check page, the instrument's new dates; revocation and correction.</summary>
public sealed class CertificateIssueTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private IReadOnlySet<string> _demo = null!;
    private const string Gas = "13900000001", Branch = "第四分院";

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "CertIssue", "chongqing");
        _demo = await _site.CertificateIdsAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_approved_pass_makes_a_certificate_whose_pdf_and_qr_code_lead_to_the_check_page_which_shows_a_revocation_and_its_reason()
    {
        var result = await _site.ResultForAsync("CQG2024-1001", Branch);
        await _site.ApproveAsync(result);
        await _site.ApproveAsync(result); // told twice (a retry): still one certificate

        var row = Assert.Single(await _site.CertificatesAsync(_demo));
        Assert.Equal((CertificateKind.Certificate, CertificateStatus.Issued), (row.Kind, row.Status));
        Assert.Matches(@"^JD\d{4}-\d{2}-\d{6}$", row.Number);
        Assert.DoesNotContain(row.Number, (await _site.CertificatesAsync()).Where(c => c.ContentItemId != row.ContentItemId).Select(c => c.Number));
        var instrument = await _site.InstrumentAsync("CQG2024-1001");
        Assert.Equal(result.ValidUntil, instrument.ValidUntil);

        using var gas = await _site.SignInAsync(Gas);
        var download = await gas.GetAsync($"{_site.Prefix}/my/certificates/{row.ContentItemId}/pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var pdf = await download.Content.ReadAsByteArrayAsync();
        var text = await AppointmentTestSupport.PdfTextAsync(pdf);
        var until = result.ValidUntil!.Value;
        Assert.Contains(row.Number, text);
        Assert.Contains("CQG2024-1001", text);
        Assert.Contains("合格", text);
        Assert.Contains($"{until.Year} 年 {until.Month} 月 {until.Day} 日", text);
        Assert.Contains("检定证书", text);
        Assert.Contains("重庆示例燃气有限公司", text);

        var qr = await CertificateTestSupport.QrOfAsync(pdf);
        var code = (await _site.CertificateAsync(row.ContentItemId)).Code;
        Assert.Equal($"http://localhost{_site.Prefix}/verify/{code}", qr);
        using var visitor = site.Browser();
        var check = await visitor.GetDocumentAsync(new Uri(qr).AbsolutePath);
        Assert.Equal("有效", check.QuerySelector("#verify-status")!.TextContent.Trim());
        Assert.Contains(row.Number, check.QuerySelector("#verify-result")!.TextContent);
        Assert.DoesNotContain("重庆示例燃气有限公司", check.Body!.TextContent);
        Assert.Contains("重庆******公司", check.Body!.TextContent);

        using var lab = await _site.ReviewerAsync("lab", "检定人员", Branch);
        var revoked = await _site.PostAsync(lab, $"/admin/certificates/{row.ContentItemId}", "Revoke", ("Reason", "出厂编号录入有误"));
        Assert.True(revoked.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(revoked));
        check = await visitor.GetDocumentAsync(new Uri(qr).AbsolutePath);
        Assert.Equal("已撤销", check.QuerySelector("#verify-status")!.TextContent.Trim());
        Assert.Contains("出厂编号录入有误", check.QuerySelector("#revoke-reason")!.TextContent);
        // A revoked certificate is no longer handed out.
        Assert.Equal(HttpStatusCode.NotFound, (await gas.GetAsync($"{_site.Prefix}/my/certificates/{row.ContentItemId}/pdf")).StatusCode);
    }

    [Fact]
    public async Task A_failure_gives_a_failure_notice_and_leaves_the_instruments_dates_alone_and_a_correction_supersedes_with_a_new_number()
    {
        var before = await _site.InstrumentAsync("CQY2022-0317");
        await _site.ApproveAsync(await _site.ResultForAsync("CQY2022-0317", Branch, VerificationConclusion.Fail));
        var notice = (await _site.CertificatesAsync(_demo)).Single(c => c.SerialNumber == "CQY2022-0317");
        Assert.Equal(CertificateKind.FailureNotice, notice.Kind);
        Assert.StartsWith("TZ", notice.Number);
        Assert.Equal(before.ValidUntil, (await _site.InstrumentAsync("CQY2022-0317")).ValidUntil);

        using var lab = await _site.ReviewerAsync("lab2", "检定人员", Branch);
        var reissued = await _site.PostAsync(lab, $"/admin/certificates/{notice.ContentItemId}", "Reissue",
            ("Correction.InstrumentName", "弹簧管式一般压力表"), ("Correction.ModelSpec", "Y-100"), ("Correction.SerialNumber", "CQY2022-0317"),
            ("Correction.Regulation", "JJG 52-2013 弹性元件式一般压力表"), ("Correction.Manufacturer", "重庆仪表厂"));
        Assert.True(reissued.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(reissued));
        var rows = (await _site.CertificatesAsync(_demo)).Where(c => c.SerialNumber == "CQY2022-0317").ToList();
        Assert.Equal(2, rows.Count);
        var old = rows.Single(c => c.ContentItemId == notice.ContentItemId);
        var corrected = rows.Single(c => c.ContentItemId != notice.ContentItemId);
        Assert.Equal(CertificateStatus.Superseded, old.Status);
        Assert.Equal(CertificateStatus.Issued, corrected.Status);
        Assert.NotEqual(old.Number, corrected.Number);
        Assert.Equal(corrected.Number, (await _site.CertificateAsync(old.ContentItemId)).SupersededByNumber);
        var text = await AppointmentTestSupport.PdfTextAsync(await (await lab.GetAsync($"{_site.Prefix}/admin/certificates/{corrected.ContentItemId}?handler=Pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("JJG 52-2013", text);
        Assert.Contains("不合格", text);
    }

    [Fact]
    public async Task Numbers_drawn_at_the_same_moment_never_repeat()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _site.ResultForAsync("CQG2024-1002", Branch)));
        await Task.WhenAll(results.Select(r => _site.ApproveAsync(r)));
        var numbers = (await _site.CertificatesAsync(_demo)).Where(c => c.SerialNumber == "CQG2024-1002").Select(c => c.Number).ToList();
        Assert.Equal(6, numbers.Count);
        Assert.Equal(6, numbers.Distinct().Count());
    }
}
