using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Notifications.Models;
using Metrology.Tests.Infrastructure;
using Metrology.Tests.Workflows;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Notifications;

/// <summary>The send-SMS workflow task: a reviewer's choice queues the SMS for the item's enterprise contact.</summary>
public sealed class WorkflowSmsTests(SiteFactory site)
{
    [Fact]
    public async Task Choosing_the_user_tasks_action_queues_the_SMS_for_the_items_enterprise_contact_in_the_same_step()
    {
        var t = await WorkflowTenant.CreateAsync(site, "WfSms");
        var type = await t.ImportAsync(new Flow("企业页面审核").Start("created", "ContentCreated", new { ContentTypes = new[] { "News" } })
            .Add("review", "UserTask", new { Actions = new[] { "通过", "退回" }, Roles = new[] { "Administrator" } })
            .Add("sms", "SendSms", new { ToItemOwner = true, Text = "「{{input.DisplayText}}」已审核通过。" })
            .Add("fail", "Log", new { Text = "短信未能排队" })
            .Add("end", "Finish")
            .Connect("created", "Done", "review").Connect("review", "通过", "sms").Connect("review", "退回", "end")
            .Connect("sms", "Done", "end").Connect("sms", "Failed", "fail").Connect("fail", "Done", "end").Build());

        // An item whose owner is the demo enterprise's account (login and phone 13800000001).
        var id = await t.RunAsync(async s =>
        {
            var contents = s.GetRequiredService<ContentManager>();
            var item = await contents.NewAsync("News", "13800000001");
            item.SetText(ContentParts.Title, "Title", "企业送检说明");
            item.SetField("Date", System.Text.Json.Nodes.JsonValue.Create("2026-11-22"));
            return (await contents.SaveAsync(item, false, "13800000001")).Item!.ContentItemId;
        });
        Assert.Equal(WorkflowStatus.Halted, (await t.SingleInstanceAsync(type.Id, id)).Status);
        Task<List<NotificationMessage>> MessagesAsync() => t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking()
            .Where(m => m.Recipient == "13800000001").ToListAsync());
        Assert.Empty(await MessagesAsync());

        using var admin = site.Browser();
        await admin.LoginAsync(t.Prefix, "admin", SiteFactory.AdminPassword);
        var form = (await admin.GetDocumentAsync($"{t.Prefix}/admin/contents/edit/{id}")).QuerySelector<IHtmlFormElement>("#workflow-tasks form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(form, new Dictionary<string, string> { ["Action"] = "通过" })).StatusCode);

        var sms = Assert.Single(await MessagesAsync());
        Assert.Equal((NotificationChannel.Sms, "「企业送检说明」已审核通过。", NotificationStatus.Pending), (sms.Channel, sms.Body, sms.Status));
        var instance = await t.SingleInstanceAsync(type.Id, id);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Contains(await t.LogAsync(instance.Id), l => l.ActivityId == "sms" && l.Message == "已排入发送队列：13800000001");
    }

    [Fact]
    public async Task An_owner_without_a_phone_takes_the_failed_outcome_and_queues_nothing()
    {
        var t = await WorkflowTenant.CreateAsync(site, "WfSmsNo");
        var type = await t.ImportAsync(new Flow("通知").Start("created", "ContentCreated", new { ContentTypes = new[] { "News" } })
            .Add("sms", "SendSms", new { ToItemOwner = true, Text = "测试" })
            .Add("failed", "SetProperty", new { Name = "result", Value = "failed" })
            .Add("end", "Finish")
            .Connect("created", "Done", "sms").Connect("sms", "Done", "end").Connect("sms", "Failed", "failed").Connect("failed", "Done", "end").Build());
        var id = await t.RunAsync(async s =>
        {
            var contents = s.GetRequiredService<ContentManager>();
            var item = await contents.NewAsync("News", "admin"); // the administrator has no phone number
            item.SetText(ContentParts.Title, "Title", "无手机号");
            item.SetField("Date", System.Text.Json.Nodes.JsonValue.Create("2026-11-22"));
            return (await contents.SaveAsync(item, false, "admin")).Item!.ContentItemId;
        });
        Assert.Equal("failed", WorkflowTenant.Property(await t.SingleInstanceAsync(type.Id, id), "result"));
        Assert.Equal(0, await t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().CountAsync(m => m.Body == "测试")));
    }
}
