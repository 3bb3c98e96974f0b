using System.Net;
using Metrology.Certificates.Models;
using Metrology.Core.Data;
using Metrology.Notifications.Email;
using Metrology.Notifications.Models;
using Metrology.Notifications.Outbox;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Certificates;

/// <summary>
/// Chongqing (seed 000 §四 4.3): fees first. A certificate with fees unpaid is withheld — 待缴费 and the amount, no PDF, no
/// e-mail — until the fees are paid; then it is e-mailed at once with the PDF attached; 电子证书 sends it again, a few times a day.
/// The first test sets the fee state through a test double of <c>IVerificationResults</c>; the second runs the real sign-off and counter.
/// </summary>
public sealed class CertificateReleaseTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private IReadOnlySet<string> _demo = null!;
    private const string Gas = "13900000001", Branch = "第四分院";

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "CertRelease", "chongqing");
        _demo = await _site.CertificateIdsAsync();
        await _site.SetEmailAsync(Gas, "gas@cq-example.com");
        await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().ExecuteDeleteAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_certificate_with_fees_unpaid_is_withheld_until_paid_then_emailed_with_the_pdf_and_sent_again_on_request()
    {
        var fees = new TestVerificationResults();
        var result = await _site.ResultForAsync("CQG2024-1002", Branch, fees: 120m, appointmentId: "appointment-paid-later");
        fees.Fees[result.AppointmentId] = 120m;
        fees.Approved.Add(result);
        await _site.ApproveAsync(result, fees);

        var row = Assert.Single(await _site.CertificatesAsync(_demo));
        Assert.Equal(CertificateStatus.Withheld, row.Status);
        using var gas = await _site.SignInAsync(Gas);
        var list = await gas.GetDocumentAsync($"{_site.Prefix}/my/certificates");
        Assert.Contains("待缴费 120 元", list.QuerySelector($"[data-number='{row.Number}'] .status")!.TextContent);
        Assert.Empty(list.QuerySelectorAll($"a[href$='/my/certificates/{row.ContentItemId}/pdf']"));
        Assert.Equal(HttpStatusCode.NotFound, (await gas.GetAsync($"{_site.Prefix}/my/certificates/{row.ContentItemId}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gas.GetAsync($"{_site.Prefix}/my/certificates/{row.Number}/pdf")).StatusCode);
        Assert.Empty(await EmailsAsync());
        var before = await _site.InstrumentAsync("CQG2024-1002");
        Assert.NotEqual(result.ValidUntil, before.ValidUntil);

        // Paid only in part: still withheld.
        fees.Fees[result.AppointmentId] = 20m;
        await _site.FeesPaidAsync(result.AppointmentId, fees);
        Assert.Equal(CertificateStatus.Withheld, Assert.Single(await _site.CertificatesAsync(_demo)).Status);

        fees.Fees[result.AppointmentId] = 0m;
        await _site.FeesPaidAsync(result.AppointmentId, fees);
        Assert.Equal(CertificateStatus.Issued, Assert.Single(await _site.CertificatesAsync(_demo)).Status);
        Assert.Equal(result.ValidUntil, (await _site.InstrumentAsync("CQG2024-1002")).ValidUntil);
        var email = Assert.Single(await EmailsAsync());
        Assert.Equal("gas@cq-example.com", email.Recipient);
        Assert.Equal($"{row.Number}.pdf", Assert.Single(email.Attachments).FileName);

        var eml = await DeliverAsync(email.Id);
        Assert.Contains("gas@cq-example.com", eml);
        Assert.Contains($"{row.Number}.pdf", eml);
        Assert.Contains("application/pdf", eml);
        Assert.Equal(HttpStatusCode.OK, (await gas.GetAsync($"{_site.Prefix}/my/certificates/{row.ContentItemId}/pdf")).StatusCode);

        // 电子证书: sent again, three times a day at most.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Redirect, (await PostResendAsync(gas, row.InstrumentId)).StatusCode);
        Assert.Equal(4, (await EmailsAsync()).Count);
        var refused = await PostResendAsync(gas, row.InstrumentId);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("今天已重发 3 次", (await gas.GetDocumentAsync($"{_site.Prefix}/my/certificates")).Body!.TextContent);
        Assert.Equal(4, (await EmailsAsync()).Count);
    }

    [Fact]
    public async Task The_demos_results_approved_through_sign_off_are_withheld_for_the_repair_fee_and_released_when_the_counter_marks_it_paid()
    {
        // Recipe: 13900000003's appointment was received with a 修理费 of 80 元 and two of its results approved by three people.
        const string Meter = "13900000003";
        await _site.SetEmailAsync(Meter, "meter@cq-example.com");
        var demo = (await _site.CertificatesAsync()).Where(c => c.FeesOutstanding == 80m).ToList();
        Assert.Equal(2, demo.Count);
        Assert.All(demo, c => Assert.Equal(CertificateStatus.Withheld, c.Status));
        Assert.Equal(new[] { CertificateKind.Certificate, CertificateKind.FailureNotice }, demo.Select(c => c.Kind).Order().ToArray());
        var appointment = demo[0].AppointmentId!;

        var paid = await _site.InTenantAsync(async s =>
        {
            var fee = await s.GetRequiredService<TenantDbContext>().Set<Metrology.Verification.Models.AppointmentFee>().AsNoTracking().SingleAsync(f => f.AppointmentId == appointment);
            return await s.GetRequiredService<Metrology.Verification.Fees>().MarkPaidAsync(
                Metrology.Verification.SignOff.RecipeActor("收发员"), new Metrology.Verification.StaffScope(true, null), appointment, fee.Id);
        });
        Assert.True(paid.Succeeded);

        var released = (await _site.CertificatesAsync()).Where(c => c.AppointmentId == appointment).ToList();
        Assert.All(released, c => Assert.Equal((CertificateStatus.Issued, 0m), (c.Status, c.FeesOutstanding)));
        var pass = released.Single(c => c.Kind == CertificateKind.Certificate);
        var instrument = await _site.InstrumentAsync(pass.SerialNumber);
        Assert.Equal(pass.ValidUntil, instrument.ValidUntil);
        Assert.Contains(await EmailsAsync(), m => m.Recipient == "meter@cq-example.com" && m.Attachments.Any(a => a.FileName == $"{pass.Number}.pdf"));
    }

    private async Task<HttpResponseMessage> PostResendAsync(TestBrowser browser, string instrumentId)
    {
        var document = await browser.GetDocumentAsync($"{_site.Prefix}/my/certificates");
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await browser.Client.PostAsync($"{_site.Prefix}/my/certificates/resend",
            new FormUrlEncodedContent([new("Selected", instrumentId), new("__RequestVerificationToken", token)]));
    }

    private Task<List<NotificationMessage>> EmailsAsync() => _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>()
        .AsNoTracking().Include(m => m.Attachments).Where(m => m.Channel == Metrology.Core.Notifications.NotificationChannel.Email).ToListAsync());

    private Task<string> DeliverAsync(int id) => _site.InTenantAsync(async s =>
    {
        var folder = s.GetRequiredService<EmailSender>().PickupFolder;
        var before = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").ToHashSet() : [];
        await s.GetRequiredService<OutboxDelivery>().DeliverAsync(id);
        var file = Directory.GetFiles(folder, "*.eml").Single(f => !before.Contains(f));
        return await File.ReadAllTextAsync(file);
    });
}
