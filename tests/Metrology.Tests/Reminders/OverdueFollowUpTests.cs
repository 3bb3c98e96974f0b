using System.Net;
using Metrology.Core.Data;
using Metrology.Excel;
using Metrology.Notifications.Models;
using Metrology.Reminders.Models;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Reminders;

/// <summary>
/// The pages on the Chongqing demo: the gas station's CQJ2022-0503 is past valid-until and CQJ2023-0502 due in 9 days, both
/// filed with the main institute; staff of 第四分院 see neither; the enterprise books them from its due list.
/// </summary>
public sealed class OverdueFollowUpTests(SiteFactory site) : IAsyncLifetime
{
    private const string Station = "13900000002", Main = "重庆市计量质量检测研究院", Branch = "第四分院";
    private FilingSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "Overdue", "chongqing");
        // No quiet hours: "立即提醒" must not depend on when the test runs.
        await _site.SettingsAsync(new ReminderSettings { LeadDays = [30, 7], Email = true, QuietFrom = new(0, 0), QuietUntil = new(0, 0) });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Staff_see_and_export_their_institution_overdue_instruments_only()
    {
        using var main = await _site.ReviewerAsync("main-follow", "受理审核", Main);
        var page = await main.GetDocumentAsync($"{_site.Prefix}/admin/reminders");
        Assert.Contains("重庆示例加油站有限公司", page.QuerySelector("table")!.TextContent);
        var xlsx = await main.GetAsync($"{_site.Prefix}/admin/reminders?handler=Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = XlsxReader.ReadRows(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())).Where(r => !r.IsEmpty).ToList();
        Assert.Equal("企业名称", rows[0][0]);
        var serials = rows.Skip(1).Select(r => r[6]).ToList();
        Assert.Contains("CQJ2022-0503", serials);
        Assert.DoesNotContain("CQJ2023-0502", serials); // due, not yet overdue

        var home = await main.GetDocumentAsync($"{_site.Prefix}/admin");
        Assert.Equal("1", home.QuerySelector("#workspace-counts a[data-label='逾期未检的强检器具'] .count-value")!.TextContent.Trim());

        using var branch = await _site.ReviewerAsync("branch-follow", "受理审核", Branch);
        var branchHome = await branch.GetDocumentAsync($"{_site.Prefix}/admin");
        Assert.Equal("0", branchHome.QuerySelector("#workspace-counts a[data-label='逾期未检的强检器具'] .count-value")!.TextContent.Trim());
        var other = await branch.GetDocumentAsync($"{_site.Prefix}/admin/reminders");
        Assert.DoesNotContain("重庆示例加油站有限公司", other.QuerySelector("table")!.TextContent);
        var otherXlsx = await branch.GetAsync($"{_site.Prefix}/admin/reminders?handler=Export&enterprise=加油站");
        var otherRows = XlsxReader.ReadRows(new MemoryStream(await otherXlsx.Content.ReadAsByteArrayAsync())).Where(r => !r.IsEmpty).ToList();
        Assert.DoesNotContain(otherRows, r => r[6] == "CQJ2022-0503");

        // An enterprise account is no staff at all.
        using var station = await _site.SignInAsync(Station);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.GetAsync($"{_site.Prefix}/admin/reminders")).StatusCode);
    }

    [Fact]
    public async Task Send_now_tells_the_enterprise_once_a_day_and_only_staff_of_its_institution()
    {
        var stationId = await _site.InTenantAsync(async s => (await s.GetRequiredService<Metrology.Core.Enterprises.IEnterpriseDirectory>().FindByMobileAsync(Station))!.Id);
        using var branch = await _site.ReviewerAsync("branch-send", "受理审核", Branch);
        var refused = await _site.PostAsync(branch, "/admin/reminders", "Send", ("enterpriseId", stationId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Empty(await _site.RemindersToAsync(Station));

        using var main = await _site.ReviewerAsync("main-send", "受理审核", Main);
        var sent = await _site.PostAsync(main, "/admin/reminders", "Send", ("enterpriseId", stationId.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var message = Assert.Single(await _site.RemindersToAsync(Station));
        Assert.Contains("CQJ2022-0503", message.Body);
        Assert.DoesNotContain("CQJ2023-0502", message.Body);

        var again = await _site.PostAsync(main, "/admin/reminders", "Send", ("enterpriseId", stationId.ToString()));
        var notice = (await main.GetDocumentAsync(TestBrowser.Location(again))).Body!.TextContent;
        Assert.Contains("今天已经提醒过该企业", notice);
        Assert.Single(await _site.RemindersToAsync(Station));
    }

    [Fact]
    public async Task The_enterprise_sees_due_and_overdue_on_its_workspace_and_books_them_in_one_click()
    {
        using var station = await _site.SignInAsync(Station);
        var my = await station.GetDocumentAsync($"{_site.Prefix}/my");
        Assert.Equal("1", my.QuerySelector("a[data-label='逾期未检'] .count-value")!.TextContent.Trim());
        var todos = my.QuerySelector("#workspace-todos")!.TextContent;
        Assert.Contains("1 台器具已过检定有效期、尚未约检", todos);
        Assert.Contains("台器具 30 天内到期、尚未约检", todos);

        var due = await station.GetDocumentAsync($"{_site.Prefix}/my/reminders");
        var form = due.QuerySelector("form[action$='/my/appointments/import']")!;
        var ticked = form.QuerySelectorAll("input[name=Selected][checked]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Contains(await _site.InstrumentIdAsync("CQJ2023-0502"), ticked);
        Assert.DoesNotContain(await _site.InstrumentIdAsync("CQJ2022-0503"), ticked);
        var overdue = await station.GetDocumentAsync($"{_site.Prefix}/my/reminders?view=overdue");
        var overdueId = await _site.InstrumentIdAsync("CQJ2022-0503");
        Assert.Contains(overdueId, overdue.QuerySelectorAll("input[name=Selected]").Select(i => i.GetAttribute("value")));

        // The one click: the form goes to the appointments' import with the ticked instruments.
        var token = overdue.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var import = await station.Client.PostAsync($"{_site.Prefix}/my/appointments/import",
            new FormUrlEncodedContent([new("Selected", overdueId), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Contains("已选 1 台器具", (await TestBrowser.ParseAsync(import)).Body!.TextContent);
    }

    [Fact]
    public async Task The_enterprise_chooses_its_channel_and_e_mail_needs_an_address()
    {
        using var station = await _site.SignInAsync(Station);
        var noAddress = await _site.PostAsync(station, "/my/reminders", "Channels", ("Email", "true"));
        Assert.Contains("没有电子邮箱", (await TestBrowser.ParseAsync(noAddress)).Body!.TextContent);
        var none = await _site.PostAsync(station, "/my/reminders", "Channels");
        Assert.Contains("请至少选择一种接收方式", (await TestBrowser.ParseAsync(none)).Body!.TextContent);
        var sms = await _site.PostAsync(station, "/my/reminders", "Channels", ("Sms", "true"));
        Assert.Equal(HttpStatusCode.Redirect, sms.StatusCode);
        var stored = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<ReminderPreference>().AsNoTracking().SingleAsync());
        Assert.Equal((true, false), (stored.Sms, stored.Email));
    }

    [Fact]
    public async Task The_settings_page_refuses_bad_lead_days_and_saves_good_ones()
    {
        using var admin = await _site.SignInAsync("admin");
        var bad = await _site.PostAsync(admin, "/admin/reminders/settings", null, ("Enabled", "true"), ("LeadDays", "30，七"), ("Sms", "true"),
            ("QuietFrom", "21:00"), ("QuietUntil", "08:00"), ("ListFirst", "3"));
        Assert.Contains("“七”不是整数", (await TestBrowser.ParseAsync(bad)).Body!.TextContent);
        var zero = await _site.PostAsync(admin, "/admin/reminders/settings", null, ("Enabled", "true"), ("LeadDays", "30,0"), ("Sms", "true"),
            ("QuietFrom", "21:00"), ("QuietUntil", "08:00"), ("ListFirst", "3"));
        Assert.Contains("提前天数应为 1–365", (await TestBrowser.ParseAsync(zero)).Body!.TextContent);
        var ok = await _site.PostAsync(admin, "/admin/reminders/settings", null, ("Enabled", "true"), ("LeadDays", "30，15，7"), ("Sms", "true"), ("Overdue", "true"),
            ("QuietFrom", "22:00"), ("QuietUntil", "07:30"), ("ListFirst", "5"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = await _site.InTenantAsync(s => s.GetRequiredService<Metrology.Core.Settings.DocumentStore>().GetAsync<ReminderSettings>());
        Assert.Equal([30, 15, 7], saved.LeadDays);
        Assert.Equal((new TimeOnly(22, 0), new TimeOnly(7, 30), 5), (saved.QuietFrom, saved.QuietUntil, saved.ListFirst));
        await _site.SettingsAsync(new ReminderSettings { LeadDays = [30, 7], Email = true, QuietFrom = new(0, 0), QuietUntil = new(0, 0) });
    }
}
