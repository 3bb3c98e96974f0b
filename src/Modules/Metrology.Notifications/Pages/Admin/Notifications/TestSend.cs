using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Notifications.Models;
using Metrology.Notifications.Outbox;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Notifications.Pages.Admin.Notifications;

/// <summary>"Send test" of the settings pages: the message goes through the outbox (so it is in the log) and is sent at once, without retries.</summary>
internal static class TestSend
{
    public static async Task RunAsync(ITempDataDictionary notices, TenantDbContext db, OutboxDelivery delivery, Func<Task<NotificationMessage>> queue, CancellationToken ct)
    {
        NotificationMessage message;
        try
        {
            message = await queue();
        }
        catch (NotificationException e)
        {
            notices.Error(e.Message);
            return;
        }
        await db.SaveChangesAsync(ct);
        var status = await delivery.DeliverAsync(message.Id, ct, retry: false);
        var answer = await db.Set<NotificationMessage>().Where(m => m.Id == message.Id).Select(m => m.LastAnswer).FirstOrDefaultAsync(ct);
        if (status == NotificationStatus.Sent) notices.Success($"测试消息 #{message.Id} 已发送。服务商回应：{answer}");
        else notices.Error($"测试消息 #{message.Id} 发送失败。服务商回应：{answer}");
    }
}
