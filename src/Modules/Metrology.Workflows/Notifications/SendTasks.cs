using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Notifications;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Workflows.Notifications;

/// <summary>
/// The notification tasks of workflows: a feature of their own that needs both features, so that notifications work
/// without workflows and workflows without notifications. They send through the Core contract <see cref="INotificationSender"/>.
/// </summary>
internal sealed class WorkflowTasksStartup : ModuleStartup
{
    public override string FeatureId => "Metrology.Notifications.Workflows";
    public override string DisplayName => "流程中的短信和邮件";
    public override IReadOnlyList<string> Dependencies => ["Metrology.Notifications", "Metrology.Workflows"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddWorkflowActivity<SendSmsTask>();
        services.AddWorkflowActivity<SendEmailTask>();
    }
}

/// <summary>Who gets a message: the item's owner (an enterprise's account: its contact), a role's users, or the addresses typed.</summary>
public abstract class RecipientSettings
{
    [Display(Name = "发给企业联系人（申请企业，或内容所属企业）")]
    public bool ToItemOwner { get; set; }

    [Options(OptionsAttribute.Roles), Display(Name = "发给角色的全部用户")]
    public string? Role { get; set; }

    [Template, Display(Name = "其他收件人（手机号、邮箱或用户名，多个用逗号分隔）")]
    public string? To { get; set; }

    [Options(OptionsAttribute.TemplateKinds), Display(Name = "消息模板（不选则用下方内容）")]
    public string? TemplateKind { get; set; }
}

/// <summary>The recipient and the text problems both message tasks share.</summary>
internal static class RecipientRules
{
    public static IEnumerable<string> Problems(RecipientSettings s, bool hasText)
    {
        if (!s.ToItemOwner && string.IsNullOrWhiteSpace(s.Role) && string.IsNullOrWhiteSpace(s.To)) yield return "没有选择收件人";
        if (string.IsNullOrWhiteSpace(s.TemplateKind) && !hasText) yield return "没有选择消息模板，也没有填写内容";
    }
}

public sealed class SendSmsSettings : RecipientSettings
{
    [Template, Multiline, Display(Name = "短信内容（未选模板时）")]
    public string? Text { get; set; }
}

public sealed class SendEmailSettings : RecipientSettings
{
    [Template, Display(Name = "邮件标题（未选模板时）")]
    public string? Subject { get; set; }

    [Template(html: true), Multiline, Display(Name = "邮件内容（未选模板时）")]
    public string? Body { get; set; }
}

/// <summary>
/// A message task: queues the message in the outbox in the step's transaction; Done, or Failed (with the reason logged)
/// when there is no recipient or the message cannot be sent. The two kinds differ in channel and in their inline text.
/// </summary>
public abstract class SendTask<TSettings> : WorkflowTask<TSettings> where TSettings : RecipientSettings, new()
{
    protected abstract NotificationChannel Channel { get; }

    /// <summary>The line a preview shows and the validator requires when no template is chosen (the SMS text, the e-mail subject).</summary>
    protected abstract string? MainText(TSettings settings);

    /// <summary>Queues the inline message (no template chosen) to one recipient.</summary>
    protected abstract Task QueueInlineAsync(INotificationSender outbox, string to, ActivityContext context, TSettings settings);

    public override string Category => "通知";

    protected override IReadOnlyList<Outcome> Outcomes(TSettings settings) => [new("Done", "已发送"), new("Failed", "失败")];

    public override ActivityPreview Preview(ActivityRecord activity, PreviewContext context)
    {
        var s = (TSettings)SettingsOf(activity);
        var what = Channel == NotificationChannel.Sms ? "短信" : "邮件";
        return new("Done", $"将发{what}给{Send.Describe(s, context, Channel)}：{Send.Text(s, context, MainText(s))}");
    }

    public override IEnumerable<string> Validate(ActivityRecord activity)
    {
        var s = (TSettings)SettingsOf(activity);
        return base.Validate(activity).Concat(RecipientRules.Problems(s, !string.IsNullOrWhiteSpace(MainText(s))));
    }

    protected override Task<ActivityResult> ExecuteAsync(ActivityContext context, TSettings settings) =>
        Send.RunAsync(context, settings, Channel, async (outbox, to, model) =>
        {
            if (!string.IsNullOrWhiteSpace(settings.TemplateKind))
                await outbox.QueueTemplateAsync(settings.TemplateKind.Trim(), Channel, to, model, correlationId: context.Instance.CorrelationId);
            else await QueueInlineAsync(outbox, to, context, settings);
        });
}

public sealed class SendSmsTask : SendTask<SendSmsSettings>
{
    public override string Name => "SendSms";
    public override string DisplayName => "发送短信";
    public override string Description => "给企业联系人、某个角色或指定号码发短信。";
    protected override NotificationChannel Channel => NotificationChannel.Sms;

    protected override string? MainText(SendSmsSettings settings) => settings.Text;

    protected override Task QueueInlineAsync(INotificationSender outbox, string to, ActivityContext context, SendSmsSettings settings) =>
        outbox.QueueSmsAsync(to, context.Render(settings.Text), context.Instance.CorrelationId);
}

public sealed class SendEmailTask : SendTask<SendEmailSettings>
{
    public override string Name => "SendEmail";
    public override string DisplayName => "发送邮件";
    public override string Description => "给企业联系人、某个角色或指定地址发邮件。";
    protected override NotificationChannel Channel => NotificationChannel.Email;

    protected override string? MainText(SendEmailSettings settings) => settings.Subject;

    protected override Task QueueInlineAsync(INotificationSender outbox, string to, ActivityContext context, SendEmailSettings settings)
    {
        outbox.QueueEmail(to, context.Render(settings.Subject), context.Render(settings.Body, html: true), correlationId: context.Instance.CorrelationId);
        return Task.CompletedTask;
    }
}

internal static class Send
{
    /// <summary>Who would get the message, for a dry run (no look-ups of accounts).</summary>
    public static string Describe(RecipientSettings s, PreviewContext context, NotificationChannel channel)
    {
        var who = new List<string>();
        if (s.ToItemOwner)
            who.Add(context.Input["Owner"]?.GetValue<string>() is { } owner ? $"内容所属账号 {owner}"
                : $"企业联系人 {context.Input[channel == NotificationChannel.Sms ? "ContactMobile" : "Email"]?.ToString() ?? "（无）"}");
        if (!string.IsNullOrWhiteSpace(s.Role)) who.Add($"角色「{s.Role}」的全部用户");
        if (context.Render(s.To) is { Length: > 0 } to) who.Add(to);
        return who.Count == 0 ? "（没有收件人）" : string.Join("、", who);
    }

    public static string Text(RecipientSettings s, PreviewContext context, string? text) =>
        string.IsNullOrWhiteSpace(s.TemplateKind) ? context.Render(text)
        : $"使用消息模板「{context.TemplateNames.GetValueOrDefault(s.TemplateKind.Trim(), s.TemplateKind)}」";

    public static async Task<ActivityResult> RunAsync(ActivityContext context, RecipientSettings settings, NotificationChannel channel,
        Func<INotificationSender, string, JsonObject, Task> queue)
    {
        var recipients = await RecipientsAsync(context, settings, channel);
        if (recipients.Count == 0)
        {
            context.Message = "没有可用的收件人（账号未填写手机号或邮箱）。";
            return ActivityResult.Done("Failed");
        }
        var outbox = context.Services.GetRequiredService<INotificationSender>();
        // Templates see the workflow's input at the top level ({{DisplayText}}) as well as input and properties.
        var model = context.Input.DeepClone().AsObject();
        model["input"] = context.Input.DeepClone();
        model["properties"] = context.Properties.DeepClone();
        try
        {
            foreach (var to in recipients) await queue(outbox, to, model);
        }
        catch (NotificationException e)
        {
            context.Message = e.Message;
            return ActivityResult.Done("Failed");
        }
        context.Message = $"已排入发送队列：{string.Join("、", recipients)}";
        return ActivityResult.Done("Done");
    }

    private static async Task<IReadOnlyList<string>> RecipientsAsync(ActivityContext context, RecipientSettings settings, NotificationChannel channel)
    {
        var users = context.Services.GetRequiredService<UserManager<User>>();
        string? AddressOf(User u) => channel == NotificationChannel.Sms ? u.PhoneNumber : u.Email;
        var result = new List<string?>();
        if (settings.ToItemOwner)
        {
            // A content item's owner account; else the enterprise contact a domain event carries (ContactMobile, Email).
            if (context.Input["Owner"]?.GetValue<string>() is { } owner && await users.FindByNameAsync(owner) is { } ownerUser) result.Add(AddressOf(ownerUser));
            else result.Add(context.Input[channel == NotificationChannel.Sms ? "ContactMobile" : "Email"]?.GetValue<string>());
        }
        if (!string.IsNullOrWhiteSpace(settings.Role))
            result.AddRange((await users.GetUsersInRoleAsync(settings.Role.Trim())).Where(u => u.IsEnabled).Select(AddressOf));
        foreach (var to in context.Render(settings.To).Split([',', '，', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            result.Add(await users.Users.AnyAsync(u => u.UserName == to) && await users.FindByNameAsync(to) is { } named ? AddressOf(named) : to);
        return result.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).Distinct().ToList();
    }
}
