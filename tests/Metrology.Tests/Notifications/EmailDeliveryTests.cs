using Metrology.Notifications;
using Metrology.Notifications.Email;
using Metrology.Notifications.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Notifications;

public sealed class EmailDeliveryTests(SiteFactory site) : IAsyncLifetime
{
    private NotificationTenant _t = null!;

    public async ValueTask InitializeAsync() => _t = await NotificationTenant.CreateAsync(site, "Mail");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_unreachable_smtp_server_leaves_the_message_pending_and_it_is_sent_once_the_server_is_up()
    {
        var port = FakeSmtpServer.FreePort();
        await _t.SaveAsync(new EmailSettings { Mode = EmailMode.Smtp, Host = "127.0.0.1", Port = port, FromAddress = "noreply@zqzjs.example", FromName = "肇庆质计所" });
        var id = await _t.QueueAsync(o => Task.FromResult(o.QueueEmail("qiye@example.com", "电子证书 ZQ2026-0001", "<p>您的电子证书已发放。</p>",
            [new EmailAttachment("certificate.pdf", "application/pdf", "%PDF-1.7"u8.ToArray())])));
        var clock = new TestClock();

        Assert.Equal(0, await _t.DeliverDueAsync(clock));
        var waiting = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Pending, waiting!.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.StartsWith("SMTP 发送失败", waiting.LastAnswer);

        await using var smtp = FakeSmtpServer.Start(port);
        clock.Offset += Metrology.Notifications.Outbox.OutboxDelivery.Backoff(1);
        Assert.Equal(1, await _t.DeliverDueAsync(clock));
        clock.Offset += TimeSpan.FromDays(1);
        Assert.Equal(0, await _t.DeliverDueAsync(clock));

        var sent = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Sent, sent!.Status);
        Assert.Equal("Smtp", sent.Provider);
        var data = Assert.Single(smtp.Messages);
        Assert.Contains("qiye@example.com", data);
        Assert.Contains("certificate.pdf", data);
    }

    [Fact]
    public async Task Pickup_mode_writes_an_eml_file_into_the_tenants_folder()
    {
        await _t.SaveAsync(new EmailSettings { Mode = EmailMode.Pickup, FromAddress = "noreply@zqzjs.example" });
        var id = await _t.QueueAsync(o => Task.FromResult(o.QueueEmail("pickup@example.com", "测试主题", "<p>测试正文</p>")));

        await _t.RunAsync(s => s.GetRequiredService<Metrology.Notifications.Outbox.OutboxDelivery>().DeliverAsync(id));

        Assert.Equal(NotificationStatus.Sent, (await _t.FindAsync(id))!.Status);
        var folder = await _t.RunAsync(s => Task.FromResult(s.GetRequiredService<EmailSender>().PickupFolder));
        Assert.StartsWith(Path.Combine(site.AppData, "Sites", _t.Tenant.Name), folder);
        Assert.Contains(Directory.GetFiles(folder, "*.eml"), f => File.ReadAllText(f).Contains("pickup@example.com"));
    }
}
