using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Notifications.Models;
using Metrology.Notifications.Templates;
using Metrology.Tests.Infrastructure;
using Metrology.Users.Login;
using Metrology.Users.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Users;

/// <summary>Seed 004 FAQ 2: cooling-off after 5 failures, lock after 10 until the password is reset by SMS code.</summary>
public sealed partial class LoginRulesTests(SiteFactory site) : IAsyncLifetime
{
    private const string Water = "13800000001";
    private const string Second = "13800000002";
    private const string NewPassword = "Reset2026new";

    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Login");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [GeneratedRegex(@"验证码 (\d{6})")]
    private static partial Regex CodeInSms();

    // The time, with the day before it when the period ends on another day (after midnight in China).
    [GeneratedRegex(@"连续登录失败 5 次，请于 ((?:\d{1,2}月\d{1,2}日 )?\d{2}:\d{2}) 后再试（约 15 分钟）")]
    private static partial Regex CoolingOff();

    private async Task<T> InTenantAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => { result = await work(s); });
        return result;
    }

    private Task<User> UserAsync(string userName) => InTenantAsync(s =>
        s.GetRequiredService<TenantDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    /// <summary>Moves the end of a cooling-off period into the past, as if its minutes had gone by.</summary>
    private Task EndCoolingOffAsync(string userName) => InTenantAsync(s =>
        s.GetRequiredService<TenantDbContext>().Users.Where(u => u.UserName == userName)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1))));

    private Task<List<NotificationMessage>> SmsToAsync(string mobile) => InTenantAsync(s =>
        s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking()
            .Where(m => m.Recipient == mobile && m.Kind == NotificationKinds.PasswordResetCode).OrderBy(m => m.Id).ToListAsync());

    private async Task<string> LastCodeAsync(string mobile) => CodeInSms().Match((await SmsToAsync(mobile)).Last().Body).Groups[1].Value;

    private Task<string> StaffAsync(string userName, string phone) => InTenantAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = userName, DisplayName = "工作人员", PhoneNumber = phone, CreatedUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, SiteFactory.AdminPassword);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        return user.Id;
    });

    private async Task<HttpResponseMessage> LoginAsync(TestBrowser browser, string userName, string password) =>
        await browser.SubmitAsync(Prefix + "/login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    private async Task<string> FailedLoginAsync(TestBrowser browser, string userName, string password)
    {
        var response = await LoginAsync(browser, userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TestBrowser.ErrorsOfAsync(response);
    }

    private async Task FailAsync(TestBrowser browser, string userName, int times)
    {
        for (var i = 0; i < times; i++) await FailedLoginAsync(browser, userName, "Wrong2026pass");
    }

    private async Task<HttpResponseMessage> SendCodeAsync(TestBrowser browser, string mobile) =>
        await browser.SubmitAsync(Prefix + "/account/forgot", new Dictionary<string, string> { ["Send.Mobile"] = mobile });

    private async Task<HttpResponseMessage> ResetAsync(TestBrowser browser, string mobile, string code, string password = NewPassword) =>
        await browser.SubmitAsync($"{Prefix}/account/forgot?mobile={mobile}", new Dictionary<string, string>
        {
            ["Reset.Code"] = code,
            ["Reset.NewPassword"] = password,
            ["Reset.ConfirmPassword"] = password,
        });

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await TestBrowser.ParseAsync(response)).QuerySelector($"[data-valmsg-for='{field}']")!.TextContent.Trim();
    }

    [Fact]
    public async Task Signing_out_from_the_portals_menu_ends_the_session_and_a_post_without_its_token_is_refused()
    {
        using var browser = site.Browser();
        await browser.LoginAsync(Prefix, Water, SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{Prefix}/my/instruments")).StatusCode);
        var page = await browser.GetDocumentAsync($"{Prefix}/my/instruments");
        var form = page.QuerySelectorAll<IHtmlFormElement>("header form[method=post]").Single(f => f.TextContent.Contains("退出登录"));
        Assert.Equal($"{Prefix}/logout", new Uri(form.Action).AbsolutePath);

        // Without the form's token: refused, still signed in.
        var forged = await browser.PostFormAsync(form, new Dictionary<string, string> { ["__RequestVerificationToken"] = "forged" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"{Prefix}/my/instruments")).StatusCode);

        var signedOut = await browser.PostFormAsync(form, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var after = await browser.GetAsync($"{Prefix}/my/instruments");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/login", TestBrowser.Location(after));
    }

    [Fact]
    public async Task An_unknown_user_name_gets_the_same_message_as_a_wrong_password()
    {
        await StaffAsync("plain1", "13911110009");
        using var browser = site.Browser();
        Assert.Contains(LoginRules.WrongCredentials, await FailedLoginAsync(browser, "13999990000", "Wrong2026pass"));
        Assert.Contains(LoginRules.WrongCredentials, await FailedLoginAsync(browser, "plain1", "Wrong2026pass"));
        Assert.Equal(1, (await UserAsync("plain1")).AccessFailedCount);
        await browser.LoginAsync(Prefix, "plain1", SiteFactory.AdminPassword);
        Assert.Equal(0, (await UserAsync("plain1")).AccessFailedCount);
    }

    [Fact]
    public async Task A_cooling_off_period_that_ends_after_midnight_in_china_names_the_day_and_one_that_ends_today_only_the_time()
    {
        await StaffAsync("clock1", "13911110031");
        var messages = await InTenantAsync(async s =>
        {
            var found = new List<string?>();
            // 23:50 and 23:44 in China (UTC+8): the 15 minutes end at 00:05 the next day, and at 23:59 the same day.
            foreach (var utc in new[] { new DateTime(2026, 3, 9, 15, 50, 0, DateTimeKind.Utc), new DateTime(2026, 3, 9, 15, 44, 0, DateTimeKind.Utc) })
            {
                await s.GetRequiredService<TenantDbContext>().Users.Where(u => u.UserName == "clock1")
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0).SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null));
                var rules = ActivatorUtilities.CreateInstance<LoginRules>(s, new Metrology.Tests.Reminders.MovableClock(utc));
                LoginAttempt fifth = null!;
                for (var i = 0; i < 5; i++) fifth = await rules.SignInAsync("clock1", "Wrong2026pass", false);
                found.Add(fifth.Message);
            }
            return found;
        });
        Assert.Equal("连续登录失败 5 次，请于 3月10日 00:05 后再试（约 15 分钟）。", messages[0]);
        Assert.Equal("连续登录失败 5 次，请于 23:59 后再试（约 15 分钟）。", messages[1]);
    }

    [Fact]
    public async Task Five_failures_start_a_cooling_off_period_that_refuses_the_right_password_until_it_ends()
    {
        using var browser = site.Browser();
        for (var i = 1; i <= 4; i++) Assert.Contains(LoginRules.WrongCredentials, await FailedLoginAsync(browser, Water, "Wrong2026pass"));
        var fifth = await FailedLoginAsync(browser, Water, "Wrong2026pass");
        var match = CoolingOff().Match(fifth);
        Assert.True(match.Success, fifth);

        var user = await UserAsync(Water);
        var retryAt = TimeZoneInfo.ConvertTime(user.LockoutEnd!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        // The day is named only when the period ends after midnight (the edges: the test below, with a clock of its own).
        Assert.EndsWith(retryAt.ToString("HH:mm"), match.Groups[1].Value);
        if (match.Groups[1].Value.Contains('月')) Assert.Equal(retryAt.ToString("M月d日 HH:mm"), match.Groups[1].Value);

        Assert.Matches(CoolingOff(), await FailedLoginAsync(browser, Water, SiteFactory.AdminPassword));

        await EndCoolingOffAsync(Water);
        await browser.LoginAsync(Prefix, Water, SiteFactory.AdminPassword);
        user = await UserAsync(Water);
        Assert.Equal(0, user.AccessFailedCount);
        Assert.False(user.LockedUntilReset);
    }

    [Fact]
    public async Task Ten_failures_lock_the_account_until_a_password_reset_by_sms_code_unlocks_it()
    {
        using var browser = site.Browser();
        await FailAsync(browser, Second, 5);
        await EndCoolingOffAsync(Second);
        await FailAsync(browser, Second, 4);
        Assert.Contains(LoginRules.Locked, await FailedLoginAsync(browser, Second, "Wrong2026pass"));
        var locked = await FailedLoginAsync(browser, Second, SiteFactory.AdminPassword);
        Assert.Contains("账号已锁定", locked);
        Assert.Contains("忘记密码", locked);
        Assert.True((await UserAsync(Second)).LockedUntilReset);

        var login = await browser.GetDocumentAsync(Prefix + "/login");
        Assert.NotNull(login.QuerySelector("a[href$='/account/forgot']"));

        var sent = await SendCodeAsync(browser, Second);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var step2 = await browser.GetDocumentAsync(TestBrowser.Location(sent));
        Assert.Contains(ForgotModel.Sent, step2.QuerySelector(".alert-success")!.TextContent);
        var sms = Assert.Single(await SmsToAsync(Second));
        var code = CodeInSms().Match(sms.Body).Groups[1].Value;
        Assert.Matches(@"^\d{6}$", code);

        // Stored hashed only.
        var stored = await InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<PasswordResetCode>().AsNoTracking().SingleAsync(c => c.Mobile == Second));
        Assert.DoesNotContain(code, stored.CodeHash);

        var wrong = code == "000000" ? "111111" : "000000";
        Assert.Contains("验证码不正确，还可尝试 4 次", await FieldErrorAsync(await ResetAsync(browser, Second, wrong), "Reset.Code"));
        Assert.Contains("密码至少需要 8 个字符", await FieldErrorAsync(await ResetAsync(browser, Second, code, "short1"), "Reset.NewPassword"));
        Assert.True((await UserAsync(Second)).LockedUntilReset);

        var reset = await ResetAsync(browser, Second, code);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.EndsWith("/login", TestBrowser.Location(reset));
        Assert.Contains("密码已重设，账号已解锁", (await browser.GetDocumentAsync(Prefix + "/login")).QuerySelector(".alert-success")!.TextContent);

        var user = await UserAsync(Second);
        Assert.False(user.LockedUntilReset);
        Assert.Equal(0, user.AccessFailedCount);
        Assert.Null(user.LockoutEnd);
        Assert.Contains(LoginRules.WrongCredentials, await FailedLoginAsync(browser, Second, SiteFactory.AdminPassword));
        await browser.LoginAsync(Prefix, Second, NewPassword);

        // The code is used up.
        using var other = site.Browser();
        Assert.Contains(PasswordReset.InvalidCode, await FieldErrorAsync(await ResetAsync(other, Second, code, "Another2026pw"), "Reset.Code"));
    }

    [Fact]
    public async Task A_code_entered_wrong_five_times_is_invalid_even_when_right_the_sixth_time()
    {
        await StaffAsync("codes1", "13911110001");
        using var browser = site.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SendCodeAsync(browser, "13911110001")).StatusCode);
        var code = await LastCodeAsync("13911110001");
        var wrong = code == "000000" ? "111111" : "000000";
        for (var left = 4; left >= 1; left--)
            Assert.Contains($"还可尝试 {left} 次", await FieldErrorAsync(await ResetAsync(browser, "13911110001", wrong), "Reset.Code"));
        Assert.Contains(PasswordReset.TooManyAttempts, await FieldErrorAsync(await ResetAsync(browser, "13911110001", wrong), "Reset.Code"));
        Assert.Contains(PasswordReset.TooManyAttempts, await FieldErrorAsync(await ResetAsync(browser, "13911110001", code), "Reset.Code"));
        Assert.Contains(PasswordReset.InvalidCode, await FieldErrorAsync(await ResetAsync(browser, "13911110001", code), "Reset.Code"));
        await browser.LoginAsync(Prefix, "codes1", SiteFactory.AdminPassword);
    }

    [Fact]
    public async Task An_unknown_mobile_gets_the_same_answers_and_no_message_is_queued()
    {
        using var browser = site.Browser();
        var sent = await SendCodeAsync(browser, "13977770000");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains(ForgotModel.Sent, (await browser.GetDocumentAsync(TestBrowser.Location(sent))).QuerySelector(".alert-success")!.TextContent);
        Assert.Empty(await InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking()
            .Where(m => m.Recipient == "13977770000").ToListAsync()));
        Assert.Contains("验证码不正确，还可尝试 4 次", await FieldErrorAsync(await ResetAsync(browser, "13977770000", "123456"), "Reset.Code"));

        // The send limit answers alike too.
        Assert.Contains("秒后再获取", await FieldErrorAsync(await SendCodeAsync(browser, "13977770000"), "Send.Mobile"));
    }

    [Fact]
    public async Task A_bad_mobile_or_code_is_refused_at_the_field()
    {
        using var browser = site.Browser();
        Assert.Contains("请输入正确的 11 位手机号码", await FieldErrorAsync(await SendCodeAsync(browser, "12345"), "Send.Mobile"));
        Assert.Contains("验证码为 6 位数字", await FieldErrorAsync(await ResetAsync(browser, "13966660000", "12ab"), "Reset.Code"));
    }

    [Fact]
    public async Task A_staff_account_follows_the_same_rules_and_resets_through_its_phone()
    {
        await StaffAsync("staff1", "13922220001");
        using var browser = site.Browser();
        await FailAsync(browser, "staff1", 4);
        Assert.Matches(CoolingOff(), await FailedLoginAsync(browser, "staff1", "Wrong2026pass"));
        await EndCoolingOffAsync("staff1");
        await FailAsync(browser, "staff1", 4);
        Assert.Contains(LoginRules.Locked, await FailedLoginAsync(browser, "staff1", "Wrong2026pass"));
        Assert.Contains(LoginRules.Locked, await FailedLoginAsync(browser, "staff1", SiteFactory.AdminPassword));

        Assert.Equal(HttpStatusCode.Redirect, (await SendCodeAsync(browser, "13922220001")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(browser, "13922220001", await LastCodeAsync("13922220001"))).StatusCode);
        await browser.LoginAsync(Prefix, "staff1", NewPassword);
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_account()
    {
        await StaffAsync("staff2", "13922220002");
        using var browser = site.Browser();
        await InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Users.Where(u => u.UserName == "staff2")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockedUntilReset, true).SetProperty(x => x.AccessFailedCount, 10)));
        Assert.Contains(LoginRules.Locked, await FailedLoginAsync(browser, "staff2", SiteFactory.AdminPassword));

        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var list = await admin.GetDocumentAsync(Prefix + "/admin/users?q=staff2");
        Assert.Contains("已锁定", list.QuerySelector("table")!.TextContent);
        var edit = list.QuerySelector("table a[href*='/admin/users/']")!.GetAttribute("href")!;
        var unlocked = await admin.SubmitAsync(edit, new Dictionary<string, string>(), "form[action*='handler=Unlock']");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        await browser.LoginAsync(Prefix, "staff2", SiteFactory.AdminPassword);
    }

    [Fact]
    public async Task The_login_security_settings_are_edited_and_checked()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var refused = await admin.SubmitAsync(Prefix + "/admin/users/security", new Dictionary<string, string> { ["Input.CoolingOffAfter"] = "5", ["Input.LockAfter"] = "5" });
        Assert.Contains("须大于", await FieldErrorAsync(refused, "Input.LockAfter"));
        var saved = await admin.SubmitAsync(Prefix + "/admin/users/security", new Dictionary<string, string> { ["Input.CoolingOffMinutes"] = "15", ["Input.CodesPerHour"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }
}
