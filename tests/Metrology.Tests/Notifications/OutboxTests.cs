using Metrology.Core.Data;
using Metrology.Notifications;
using Metrology.Notifications.Models;
using Metrology.Notifications.Outbox;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Notifications;

public sealed class OutboxTests(SiteFactory site) : IAsyncLifetime
{
    private NotificationTenant _t = null!;

    public async ValueTask InitializeAsync() => _t = await NotificationTenant.CreateAsync(site, "Outbox");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_queued_message_is_stored_pending_before_anything_is_sent()
    {
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13800138001", "您的强检备案已通过审核。", correlationId: "item-1"));

        var stored = await _t.FindAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(NotificationStatus.Pending, stored.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Null(stored.SentUtc);
        Assert.Equal("13800138001", stored.Recipient);
        Assert.Equal("item-1", stored.CorrelationId);

        Assert.Equal(NotificationStatus.Sent, await _t.RunAsync(s => s.GetRequiredService<OutboxDelivery>().DeliverAsync(id)));
        var sent = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Sent, sent!.Status);
        Assert.Equal("Outbox", sent.Provider);
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task The_delivery_job_sends_due_messages_unless_delivery_is_paused()
    {
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13800138004", "定时发送测试"));
        var job = new OutboxJob();

        await _t.RunAsync(s => job.ExecuteAsync(s, CancellationToken.None));
        Assert.Equal(NotificationStatus.Pending, (await _t.FindAsync(id))!.Status);

        await _t.SaveAsync(new OutboxSettings { Paused = false });
        try
        {
            await _t.RunAsync(s => job.ExecuteAsync(s, CancellationToken.None));
        }
        finally
        {
            await _t.SaveAsync(new OutboxSettings { Paused = true });
        }
        Assert.Equal(NotificationStatus.Sent, (await _t.FindAsync(id))!.Status);
    }

    [Fact]
    public async Task Queuing_does_not_save_so_nothing_is_written_until_the_business_change_is()
    {
        await _t.RunAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            await s.GetRequiredService<NotificationOutbox>().QueueSmsAsync("13800138002", "未保存", correlationId: "unsaved");
            Assert.False(await db.Set<NotificationMessage>().AnyAsync(m => m.CorrelationId == "unsaved"));
        });
        Assert.Empty(await _t.MessagesAsync(q => q.Where(m => m.CorrelationId == "unsaved")));
    }

    [Fact]
    public async Task A_business_change_that_rolls_back_leaves_no_message_behind()
    {
        await _t.RunAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Documents.Add(new Document { Id = "FilingProbe", Json = "{}" });
            await s.GetRequiredService<NotificationOutbox>().QueueSmsAsync("13800138003", "备案已通过", correlationId: "rolled-back");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });

        Assert.Empty(await _t.MessagesAsync(q => q.Where(m => m.CorrelationId == "rolled-back")));
        Assert.False(await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Documents.AnyAsync(d => d.Id == "FilingProbe")));
    }

    [Fact]
    public async Task A_business_change_that_fails_to_save_leaves_no_message_behind()
    {
        await _t.RunAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            db.Documents.Add(new Document { Id = "DuplicateProbe", Json = "{}" });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.Documents.Add(new Document { Id = "DuplicateProbe", Json = "{}" });
            s.GetRequiredService<NotificationOutbox>().QueueEmail("a@example.com", "主题", "<p>正文</p>", correlationId: "failed-save");
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        Assert.Empty(await _t.MessagesAsync(q => q.Where(m => m.CorrelationId == "failed-save")));
    }

    [Theory]
    [InlineData("1380013800")]
    [InlineData("138001380001")]
    [InlineData("12800138000")]
    [InlineData("0758-6622655")]
    [InlineData("")]
    public async Task A_bad_mobile_number_is_refused_with_a_clear_message(string number)
    {
        var error = await Assert.ThrowsAsync<NotificationException>(() => _t.QueueAsync(o => o.QueueSmsAsync(number, "测试")));
        Assert.Contains("手机号码格式不正确：应为 11 位中国大陆手机号码", error.Message);
    }

    [Fact]
    public async Task A_number_with_country_code_or_spaces_is_stored_in_its_11_digit_form()
    {
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("+86 139-0000-0001", "测试"));
        Assert.Equal("13900000001", (await _t.FindAsync(id))!.Recipient);
    }

    [Fact]
    public async Task A_number_over_its_per_minute_limit_gets_a_clear_error_and_others_are_not_affected()
    {
        await _t.SaveAsync(new SmsSettings { PerMinute = 2, PerDay = 10 });
        await _t.QueueAsync(o => o.QueueSmsAsync("13700000001", "第一条"));
        // The limit counts messages of the same unit of work that are not saved yet.
        var error = await Assert.ThrowsAsync<NotificationException>(() => _t.RunAsync(async s =>
        {
            var outbox = s.GetRequiredService<NotificationOutbox>();
            await outbox.QueueSmsAsync("13700000001", "第二条");
            await outbox.QueueSmsAsync("13700000001", "第三条");
        }));
        Assert.Equal("发送过于频繁：同一号码每分钟最多发送 2 条短信，号码 13700000001 已达上限，请稍后再试。", error.Message);
        await _t.QueueAsync(o => o.QueueSmsAsync("13700000002", "别的号码不受影响"));
        await _t.SaveAsync(new SmsSettings());
    }

    [Fact]
    public async Task A_number_over_its_daily_limit_gets_a_clear_error()
    {
        await _t.SaveAsync(new SmsSettings { PerMinute = 0, PerDay = 1 });
        await _t.QueueAsync(o => o.QueueSmsAsync("13600000001", "今天第一条"));
        var error = await Assert.ThrowsAsync<NotificationException>(() => _t.QueueAsync(o => o.QueueSmsAsync("13600000001", "今天第二条")));
        Assert.Contains("同一号码 24 小时内最多发送 1 条短信", error.Message);
        await _t.SaveAsync(new SmsSettings());
    }

    [Fact]
    public async Task A_bad_email_address_is_refused_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<NotificationException>(() => _t.QueueAsync(o => Task.FromResult(o.QueueEmail("a@example.com, not-an-address", "主题", "正文"))));
        Assert.Equal("电子邮箱“not-an-address”格式不正确。", error.Message);
    }

    [Fact]
    public async Task Two_runs_racing_for_one_message_send_it_once()
    {
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13500000001", "并发测试"));
        var gate = new TaskCompletionSource();
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await _t.RunAsync(s => s.GetRequiredService<OutboxDelivery>().DeliverAsync(id));
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(runs);

        Assert.Single(results, r => r == NotificationStatus.Sent);
        Assert.Equal(3, results.Count(r => r is null));
        Assert.Equal(1, (await _t.FindAsync(id))!.Attempts);
    }

    [Fact]
    public async Task A_kind_without_a_template_gets_a_clear_error()
    {
        await _t.SaveAsync(new Metrology.Notifications.Templates.NotificationTemplates());
        var error = await Assert.ThrowsAsync<NotificationException>(() => _t.QueueAsync(o =>
            o.QueueTemplateAsync(NotificationKinds.FilingResult, NotificationChannel.Sms, "13800138009", new { })));
        Assert.Equal("没有“强检备案审核结果”的短信模板。", error.Message);
        var email = await Assert.ThrowsAsync<NotificationException>(() => _t.QueueAsync(o =>
            o.QueueTemplateAsync(NotificationKinds.CertificateIssued, NotificationChannel.Email, "a@example.com", new { })));
        Assert.Equal("没有“电子证书已发放”的邮件模板。", email.Message);
    }

    [Fact]
    public async Task An_email_keeps_its_attachments()
    {
        var pdf = "%PDF-1.7 证书"u8.ToArray();
        var id = await _t.QueueAsync(o => Task.FromResult(o.QueueEmail("qy@example.com", "电子证书", "<p>附件为证书</p>", [new EmailAttachment("证书 ZQ2026-0001.pdf", "application/pdf", pdf)])));
        var stored = await _t.FindAsync(id);
        var attachment = Assert.Single(stored!.Attachments);
        Assert.Equal("证书 ZQ2026-0001.pdf", attachment.FileName);
        Assert.Equal(pdf, attachment.Content);
    }
}
