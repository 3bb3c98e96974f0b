using System.Text.Json;
using Metrology.Notifications;
using Metrology.Notifications.Models;
using Metrology.Notifications.Outbox;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Notifications;

public sealed class SmsGatewayTests(SiteFactory site) : IAsyncLifetime
{
    private NotificationTenant _t = null!;

    public async ValueTask InitializeAsync() => _t = await NotificationTenant.CreateAsync(site, "Gateway");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task UseGatewayAsync(string url, string token = "gw-token-123") => _t.RunAsync(async s =>
    {
        var secrets = (SecretProtector)s.GetService(typeof(SecretProtector))!;
        await ((Metrology.Core.Settings.DocumentStore)s.GetService(typeof(Metrology.Core.Settings.DocumentStore))!).SaveAsync(new SmsSettings
        {
            DefaultProvider = "HttpGateway",
            Gateway = new HttpGatewaySettings
            {
                Url = url + "/sms/send",
                Method = "POST",
                Headers = "Authorization: Bearer {{token}}\nX-Message: {{messageId}}",
                BodyTemplate = "{\"mobile\": {{json phone}}, \"content\": {{json text}} }",
                ProtectedToken = secrets.Protect(token),
                SuccessStatusCodes = "200",
                SuccessJsonPath = "result.code",
                SuccessJsonValue = "0",
            },
        });
    });

    [Fact]
    public async Task A_gateway_answering_500_twice_then_200_gets_the_message_delivered_once()
    {
        await using var gateway = await FakeHttpServer.StartAsync((n, _) => n <= 2 ? (500, "{\"error\":\"busy\"}") : (200, "{\"result\":{\"code\":0}}"));
        await UseGatewayAsync(gateway.Url);
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13800138000", "【肇庆质计所】您的强检备案已通过审核，请按时约检。"));
        var clock = new TestClock();

        Assert.Equal(0, await _t.DeliverDueAsync(clock));
        var first = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Pending, first!.Status);
        Assert.Equal(1, first.Attempts);
        Assert.StartsWith("500", first.LastAnswer);
        Assert.True(first.NextAttemptUtc > clock.GetUtcNow().UtcDateTime, "the retry waits for its back-off");

        // Before the back-off has passed nothing is sent again.
        Assert.Equal(0, await _t.DeliverDueAsync(clock));
        Assert.Single(gateway.Requests);

        clock.Offset += OutboxDelivery.Backoff(1);
        Assert.Equal(0, await _t.DeliverDueAsync(clock));
        Assert.Equal(2, (await _t.FindAsync(id))!.Attempts);

        clock.Offset += OutboxDelivery.Backoff(2);
        Assert.Equal(1, await _t.DeliverDueAsync(clock));
        clock.Offset += TimeSpan.FromDays(1);
        Assert.Equal(0, await _t.DeliverDueAsync(clock));

        var sent = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Sent, sent!.Status);
        Assert.Equal(3, sent.Attempts);
        Assert.Equal("HttpGateway", sent.Provider);
        Assert.Equal(3, gateway.Requests.Count);
        var request = gateway.Requests.Last();
        Assert.Equal("/sms/send", request.Path);
        Assert.Equal("Bearer gw-token-123", request.Headers["Authorization"]);
        Assert.Equal(id.ToString(), request.Headers["X-Message"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("13800138000", body.RootElement.GetProperty("mobile").GetString());
        Assert.Equal("【肇庆质计所】您的强检备案已通过审核，请按时约检。", body.RootElement.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_200_whose_body_does_not_meet_the_success_condition_is_a_failure()
    {
        await using var gateway = await FakeHttpServer.StartAsync((_, _) => (200, "{\"result\":{\"code\":17,\"msg\":\"余额不足\"}}"));
        await UseGatewayAsync(gateway.Url);
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13800138010", "测试"));

        await _t.RunAsync(s => ((OutboxDelivery)s.GetService(typeof(OutboxDelivery))!).DeliverAsync(id));

        var message = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Pending, message!.Status);
        Assert.Contains("余额不足", message.LastAnswer);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_marked_failed_after_the_last_attempt()
    {
        await using var gateway = await FakeHttpServer.StartAsync((_, _) => (503, "down"));
        await UseGatewayAsync(gateway.Url);
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13800138011", "测试"));
        var clock = new TestClock();

        for (var attempt = 1; attempt <= OutboxDelivery.MaxAttempts; attempt++)
        {
            await _t.RunAsync(s => Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<OutboxDelivery>(s, clock).DeliverAsync(id));
            clock.Offset += OutboxDelivery.Backoff(attempt);
        }

        var message = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Failed, message!.Status);
        Assert.Equal(OutboxDelivery.MaxAttempts, message.Attempts);
        Assert.Equal(OutboxDelivery.MaxAttempts, gateway.Requests.Count);
    }
}
