using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Reminders.Pages.My.Reminders;

/// <summary>
/// 到期器具: the enterprise's instruments due within 30 days and past valid-until that are not booked, all ticked, with one
/// button that takes them to 约检 (<c>/my/appointments/import</c>); and the channels it wants reminders on.
/// </summary>
[Permission(Permissions.BookAppointments)]
public sealed class IndexModel(ReminderService reminders, IInstrumentRecords instruments, TenantDbContext db, TimeProvider clock) : EnterprisePage
{
    public const int Limit = 500;

    [BindProperty(SupportsGet = true)] public string? View { get; set; }
    [BindProperty] public bool Sms { get; set; }
    [BindProperty] public bool Email { get; set; }

    public IReadOnlyList<InstrumentSummary> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int DueCount { get; private set; }
    public int OverdueCount { get; private set; }
    public DateOnly Today { get; private set; }
    public ReminderSettings Settings { get; private set; } = new();
    public bool Overdue => View == "overdue";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostChannelsAsync(CancellationToken ct)
    {
        Settings = await reminders.SettingsAsync(ct);
        var sms = Sms && Settings.Sms;
        var email = Email && Settings.Email;
        if (!sms && !email)
        {
            ModelState.AddModelError(nameof(Sms), "请至少选择一种接收方式。");
            await LoadAsync(ct, keepChoice: true);
            return Page();
        }
        if (email && string.IsNullOrWhiteSpace(Enterprise.Email))
        {
            ModelState.AddModelError(nameof(Email), "本单位资料中没有电子邮箱：请先在单位资料中填写，或选择短信。");
            await LoadAsync(ct, keepChoice: true);
            return Page();
        }
        var row = await db.Set<ReminderPreference>().FirstOrDefaultAsync(p => p.EnterpriseId == Enterprise.Id, ct);
        if (row is null) db.Add(row = new ReminderPreference { EnterpriseId = Enterprise.Id });
        (row.Sms, row.Email, row.UpdatedUtc) = (sms, email, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        TempData.Success("提醒接收方式已保存。");
        return RedirectToPage(new { view = View });
    }

    private async Task LoadAsync(CancellationToken ct, bool keepChoice = false)
    {
        Settings = await reminders.SettingsAsync(ct);
        if (!keepChoice) (Sms, Email) = await reminders.ChannelsAsync(Enterprise.Id, Settings, ct);
        Today = DateOnly.FromDateTime(await reminders.LocalNowAsync(ct));
        var due = reminders.Unbooked(Today.AddDays(EnterpriseWorkspace.DueDays), Today, enterpriseId: Enterprise.Id);
        var overdue = reminders.Unbooked(Today.AddDays(-1), enterpriseId: Enterprise.Id);
        (_, DueCount) = await instruments.DueAsync(due, 0, 0, ct);
        (_, OverdueCount) = await instruments.DueAsync(overdue, 0, 0, ct);
        (Items, Total) = await instruments.DueAsync(Overdue ? overdue : due, 0, Limit, ct);
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
