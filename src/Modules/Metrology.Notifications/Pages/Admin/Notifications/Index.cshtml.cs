using System.Globalization;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Notifications.Models;
using Metrology.Notifications.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Notifications.Pages.Admin.Notifications;

/// <summary>The message log: search by channel, status, recipient and date; resend a failed message; pause delivery.</summary>
[Permission("ViewNotifications")]
public sealed class IndexModel(TenantDbContext db, DocumentStore documents, SiteSettingsService site, PermissionService permissions, OutboxDelivery delivery) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public NotificationChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public NotificationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<NotificationMessage> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public bool Paused { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanManage = await permissions.HasAsync(User, Permissions.ManageNotifications);
        Paused = (await documents.GetAsync<OutboxSettings>(ct)).Paused;
        Zone = TimeZoneInfo.FindSystemTimeZoneById((await site.GetAsync(ct)).TimeZoneId);
        var query = db.Set<NotificationMessage>().AsNoTracking();
        if (Channel is { } channel) query = query.Where(m => m.Channel == channel);
        if (Status is { } status) query = query.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(m => m.Recipient.Contains(Q.Trim()));
        if (From is { } from) query = query.Where(m => m.CreatedUtc >= Utc(from));
        if (To is { } to) query = query.Where(m => m.CreatedUtc < Utc(to.AddDays(1)));
        Pager = new Pager(PageNumber, PageSize, await query.CountAsync(ct), p => Url.Page("Index", new { Channel, Status, Q, From = Format(From), To = Format(To), p })!);
        Items = await query.OrderByDescending(m => m.Id).Skip(Pager.Skip).Take(PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostResendAsync(int id, CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageNotifications)) return Forbid();
        if (await delivery.ResendAsync(id, ct)) TempData.Success($"消息 #{id} 已重新排队，将在下一次发送时投递。");
        else TempData.Error($"消息 #{id} 不是发送失败的消息，不能重发。");
        return RedirectToPage(new { Channel, Status, Q, From = Format(From), To = Format(To) });
    }

    public async Task<IActionResult> OnPostPauseAsync(bool paused, CancellationToken ct)
    {
        if (!await permissions.HasAsync(User, Permissions.ManageNotifications)) return Forbid();
        await documents.SaveAsync(new OutboxSettings { Paused = paused }, ct);
        TempData.Success(paused ? "已暂停自动发送：新消息仍会排队，恢复后发出。" : "已恢复自动发送。");
        return RedirectToPage();
    }

    public string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private DateTime Utc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);

    private static string? Format(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Label(NotificationChannel channel) => channel == NotificationChannel.Sms ? "短信" : "邮件";

    public static string Label(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "待发送",
        NotificationStatus.Sending => "发送中",
        NotificationStatus.Sent => "已发送",
        _ => "发送失败",
    };

    public static string Badge(NotificationStatus status) => status switch
    {
        NotificationStatus.Sent => "text-bg-success",
        NotificationStatus.Failed => "text-bg-danger",
        NotificationStatus.Sending => "text-bg-info",
        _ => "text-bg-warning",
    };
}
