using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Notifications;
using Metrology.Notifications.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Notifications;

public sealed class NotificationAdminTests(SiteFactory site) : IAsyncLifetime
{
    private NotificationTenant _t = null!;
    private string Prefix => _t.Prefix;

    public async ValueTask InitializeAsync()
    {
        _t = await NotificationTenant.CreateAsync(site, "NotiAdm");
        await _t.RunAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            var roles = s.GetRequiredService<RoleManager<Role>>();
            var viewer = new Role { Name = "通知查看" };
            Assert.True((await roles.CreateAsync(viewer)).Succeeded);
            await roles.AddClaimAsync(viewer, new Claim(Permission.ClaimType, "AccessAdminPanel"));
            await roles.AddClaimAsync(viewer, new Claim(Permission.ClaimType, "ViewNotifications"));
            foreach (var (name, role) in new[] { ("staff", "业务室"), ("viewer", "通知查看") })
            {
                var user = new User { UserName = name, CreatedUtc = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, "Staff2026pass")).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> AdminAsync()
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        return browser;
    }

    private static readonly string[] Pages = ["/admin/notifications", "/admin/notifications/sms", "/admin/notifications/email", "/admin/notifications/templates", "/admin/notifications/templates/edit/FilingResult"];

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_login_and_staff_without_the_permission_get_403()
    {
        using var anonymous = site.Browser();
        using var staff = site.Browser();
        await staff.LoginAsync(Prefix, "staff", "Staff2026pass");
        foreach (var page in Pages)
        {
            var redirect = await anonymous.GetAsync(Prefix + page);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.StartsWith(Prefix + "/login", TestBrowser.Location(redirect));
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Prefix + page)).StatusCode);
        }
    }

    [Fact]
    public async Task A_viewer_sees_the_log_but_not_the_settings_and_cannot_resend()
    {
        var id = await FailedMessageAsync();
        using var viewer = site.Browser();
        await viewer.LoginAsync(Prefix, "viewer", "Staff2026pass");

        var log = await viewer.GetDocumentAsync(Prefix + "/admin/notifications");
        Assert.Contains("13900000009", log.QuerySelector("table")!.TextContent);
        Assert.Empty(log.QuerySelectorAll("form[action*='Resend']"));
        foreach (var page in Pages.Skip(1)) Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(Prefix + page)).StatusCode);
        var detail = await viewer.GetDocumentAsync(log.QuerySelectorAll<IHtmlAnchorElement>("tbody a").First(a => a.TextContent.Contains("失败的消息")).PathName);
        Assert.Contains("500 down", detail.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync(Prefix + "/admin/notifications/message/999999")).StatusCode);

        // A hand-made post with a valid anti-forgery token (from the layout's sign-out form) is refused too.
        var token = log.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var resend = await viewer.Client.PostAsync(Prefix + $"/admin/notifications?handler=Resend&id={id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, resend.StatusCode);
        Assert.Equal(NotificationStatus.Failed, (await _t.FindAsync(id))!.Status);
    }

    [Fact]
    public async Task An_administrator_resends_a_failed_message_and_it_is_pending_again()
    {
        var id = await FailedMessageAsync();
        using var admin = await AdminAsync();
        var log = await admin.GetDocumentAsync(Prefix + "/admin/notifications?Status=Failed");
        var form = log.QuerySelectorAll<IHtmlFormElement>("form").First(f => f.Action.Contains($"id={id}"));

        var response = await admin.PostFormAsync(form, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await _t.FindAsync(id);
        Assert.Equal(NotificationStatus.Pending, message!.Status);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public async Task The_log_searches_by_channel_status_and_recipient()
    {
        await _t.QueueAsync(o => o.QueueSmsAsync("13911112222", "查询测试短信"));
        await _t.QueueAsync(o => Task.FromResult(o.QueueEmail("search@example.com", "查询测试邮件", "<p>x</p>")));
        using var admin = await AdminAsync();

        var sms = await admin.GetDocumentAsync(Prefix + "/admin/notifications?Channel=Sms&Status=Pending&Q=1391111");
        Assert.Contains("13911112222", sms.QuerySelector("tbody")!.TextContent);
        Assert.DoesNotContain("search@example.com", sms.QuerySelector("tbody")!.TextContent);
        var email = await admin.GetDocumentAsync(Prefix + "/admin/notifications?Channel=Email&Q=search@");
        Assert.Contains("查询测试邮件", email.QuerySelector("tbody")!.TextContent);
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        var future = await admin.GetDocumentAsync(Prefix + $"/admin/notifications?From={tomorrow}");
        Assert.Contains("没有符合条件的消息", future.QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task Secrets_are_stored_encrypted_never_shown_back_and_kept_when_left_empty()
    {
        using var admin = await AdminAsync();
        var saved = await admin.SubmitAsync(Prefix + "/admin/notifications/sms", new Dictionary<string, string>
        {
            ["Input.DefaultProvider"] = "Aliyun",
            ["Input.AliyunAccessKeyId"] = "LTAI5tExample",
            ["Input.AliyunAccessKeySecret"] = "TopSecretAliyunKey987",
            ["Input.AliyunSignName"] = "肇庆质计所",
            ["Input.GatewayToken"] = "GatewayToken654",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var html = await (await admin.GetAsync(Prefix + "/admin/notifications/sms")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("TopSecretAliyunKey987", html);
        Assert.DoesNotContain("GatewayToken654", html);
        Assert.Contains("已保存", html);
        var json = await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Documents.Where(d => d.Id == nameof(SmsSettings)).Select(d => d.Json).SingleAsync());
        Assert.DoesNotContain("TopSecretAliyunKey987", json);

        // Saving again with the secret fields empty keeps them.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Prefix + "/admin/notifications/sms", new Dictionary<string, string> { ["Input.AliyunSignName"] = "肇庆质计所（新）" })).StatusCode);
        var secrets = await _t.RunAsync(async s =>
        {
            var settings = await s.GetRequiredService<Metrology.Core.Settings.DocumentStore>().GetAsync<SmsSettings>();
            var protector = s.GetRequiredService<SecretProtector>();
            return (protector.Unprotect(settings.Aliyun.ProtectedAccessKeySecret), protector.Unprotect(settings.Gateway.ProtectedToken), settings.Aliyun.SignName);
        });
        Assert.Equal(("TopSecretAliyunKey987", "GatewayToken654", "肇庆质计所（新）"), secrets);
        await _t.SaveAsync(new SmsSettings());
    }

    [Fact]
    public async Task The_smtp_password_is_not_shown_back()
    {
        using var admin = await AdminAsync();
        var saved = await admin.SubmitAsync(Prefix + "/admin/notifications/email", new Dictionary<string, string>
        {
            ["Input.Mode"] = "Pickup",
            ["Input.UserName"] = "mailer",
            ["Input.Password"] = "SmtpPassword321",
            ["Input.FromAddress"] = "noreply@zqzjs.example",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await (await admin.GetAsync(Prefix + "/admin/notifications/email")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("SmtpPassword321", html);
        Assert.Contains("已保存", html);
    }

    [Fact]
    public async Task Settings_that_do_not_make_sense_are_refused_with_messages()
    {
        using var admin = await AdminAsync();
        var response = await admin.SubmitAsync(Prefix + "/admin/notifications/sms", new Dictionary<string, string>
        {
            ["Input.DefaultProvider"] = "HttpGateway",
            ["Input.GatewayUrl"] = "not a url",
            ["Input.SuccessStatusCodes"] = "2xx",
            ["Input.GatewayBody"] = "{\"m\": {{json phone}}}",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await TestBrowser.ErrorsOfAsync(response);
        Assert.Contains("请填写以 http:// 或 https:// 开头的网关地址", errors);
        Assert.Contains("成功状态码格式应为 200、200-299 或 200,201", errors);
        Assert.Contains("模板有误", errors);
    }

    [Fact]
    public async Task Send_test_sms_goes_through_the_outbox_and_reports_the_result()
    {
        using var admin = await AdminAsync();
        var sent = await admin.SubmitAsync(Prefix + "/admin/notifications/sms", new Dictionary<string, string> { ["testPhone"] = "13812345678", ["testText"] = "测试短信内容" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await admin.GetDocumentAsync(Prefix + "/admin/notifications/sms");
        Assert.Contains("已发送", page.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains(await _t.MessagesAsync(q => q.Where(m => m.Recipient == "13812345678")), m => m.Status == NotificationStatus.Sent && m.Body == "测试短信内容");

        var bad = await admin.SubmitAsync(Prefix + "/admin/notifications/sms", new Dictionary<string, string> { ["testPhone"] = "12345", ["testText"] = "x" });
        Assert.Equal(HttpStatusCode.Redirect, bad.StatusCode);
        var error = await admin.GetDocumentAsync(Prefix + "/admin/notifications/sms");
        Assert.Contains("手机号码格式不正确", error.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task Send_test_email_writes_to_the_pickup_folder()
    {
        await _t.SaveAsync(new EmailSettings { Mode = EmailMode.Pickup, FromAddress = "noreply@zqzjs.example" });
        using var admin = await AdminAsync();
        var sent = await admin.SubmitAsync(Prefix + "/admin/notifications/email", new Dictionary<string, string> { ["testTo"] = "tester@example.com" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await admin.GetDocumentAsync(Prefix + "/admin/notifications/email");
        Assert.Contains("已发送", page.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains(await _t.MessagesAsync(q => q.Where(m => m.Recipient == "tester@example.com")), m => m.Status == NotificationStatus.Sent);
    }

    [Fact]
    public async Task A_template_is_previewed_on_sample_data_and_a_broken_one_is_not_saved()
    {
        using var admin = await AdminAsync();
        var url = Prefix + "/admin/notifications/templates/edit/BookingConfirmed";
        var page = await admin.GetDocumentAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        var preview = await admin.Client.PostAsync(url + "?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["Input.SmsText"] = "【{{@site.name}}】{{enterprise.name}}：预约 {{booking.number}} 已确认{{missing.value}}。",
            ["Input.EmailSubject"] = "预约确认 {{booking.number}}",
            ["Input.EmailBody"] = "<p>{{enterprise.name}}</p>",
        }));
        var shown = await TestBrowser.ParseAsync(preview);
        Assert.Equal($"【测试站点 {_t.Tenant.Name}】肇庆市示例电子有限公司：预约 30285 已确认。", shown.QuerySelector(".preview-sms")!.TextContent);
        Assert.Equal("预约确认 30285", shown.QuerySelector(".preview-subject")!.TextContent);

        var broken = await admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.SmsText"] = "{{#if booking.date}}未闭合" });
        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Contains("短信内容模板有误", await TestBrowser.ErrorsOfAsync(broken));
        var kept = await _t.GetAsync<Metrology.Notifications.Templates.NotificationTemplates>();
        Assert.DoesNotContain("未闭合", kept.Find("BookingConfirmed")!.SmsText);
    }

    /// <summary>A message whose only attempt failed for good (through "send test", which does not retry).</summary>
    private async Task<int> FailedMessageAsync()
    {
        var id = await _t.QueueAsync(o => o.QueueSmsAsync("13900000009", "失败的消息"));
        await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().Where(m => m.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, NotificationStatus.Failed).SetProperty(m => m.Attempts, 6).SetProperty(m => m.LastAnswer, "500 down")));
        return id;
    }
}
