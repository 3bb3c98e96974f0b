using System.Globalization;
using Metrology.Core.Admin;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Reminders.Pages.Admin.Reminders;

/// <summary>到期提醒设置: lead times, the overdue reminder, channels, quiet hours, how many instruments a message names.</summary>
[Permission("ManageReminders")]
public sealed class SettingsModel(DocumentStore documents) : PageModel
{
    [BindProperty] public bool Enabled { get; set; }
    [BindProperty] public string? LeadDays { get; set; }
    [BindProperty] public bool Overdue { get; set; }
    [BindProperty] public bool Sms { get; set; }
    [BindProperty] public bool Email { get; set; }
    [BindProperty] public string? QuietFrom { get; set; }
    [BindProperty] public string? QuietUntil { get; set; }
    [BindProperty] public string? ListFirst { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await documents.GetAsync<ReminderSettings>(ct);
        (Enabled, Overdue, Sms, Email) = (s.Enabled, s.Overdue, s.Sms, s.Email);
        LeadDays = string.Join("，", s.LeadDays.OrderDescending());
        QuietFrom = s.QuietFrom.ToString("HH:mm");
        QuietUntil = s.QuietUntil.ToString("HH:mm");
        ListFirst = s.ListFirst.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var days = new List<int>();
        foreach (var part in (LeadDays ?? "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries))
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) days.Add(d);
            else { ModelState.AddModelError(nameof(LeadDays), $"“{part}”不是整数：请填写天数，用逗号分隔，如 30，7。"); break; }
        var from = Time(QuietFrom, nameof(QuietFrom));
        var until = Time(QuietUntil, nameof(QuietUntil));
        if (!int.TryParse(ListFirst, NumberStyles.None, CultureInfo.InvariantCulture, out var first)) ModelState.AddModelError(nameof(ListFirst), "请填写 1–10 之间的整数。");
        if (!ModelState.IsValid) return Page();
        var current = await documents.GetAsync<ReminderSettings>(ct);
        var settings = current with { Enabled = Enabled, LeadDays = days, Overdue = Overdue, Sms = Sms, Email = Email, QuietFrom = from!.Value, QuietUntil = until!.Value, ListFirst = first };
        foreach (var (field, message) in settings.Problems()) ModelState.AddModelError(field, message);
        if (!ModelState.IsValid) return Page();
        await documents.SaveAsync(settings, ct);
        TempData.Success("到期提醒设置已保存。");
        return RedirectToPage();
    }

    private TimeOnly? Time(string? text, string field)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        ModelState.AddModelError(field, "请按“时:分”填写，如 21:00。");
        return null;
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
