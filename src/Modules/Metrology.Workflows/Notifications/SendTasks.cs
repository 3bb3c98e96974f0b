using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Notifications;
using Metrology.Workflows.Activities;
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
    [Display(Name = "发给内容所属企业（创建该内容的账号）的联系人")]
    public bool ToItemOwner { get; set; }

    [Options(OptionsAttribute.Roles), Display(Name = "发给角色的全部用户")]
    public string? Role { get; set; }

    [Template, Display(Name = "其他收件人（手机号、邮箱或用户名，多个用逗号分隔）")]
    public string? To { get; set; }

    [Display(Name = "消息模板（通知模板的种类；留空则用下方内容）")]
    public string? TemplateKind { get; set; }
}

public sealed class SendSmsSettings : RecipientSettings
{
    [Template, Multiline, Display(Name = "短信内容（未选模板时；可用双花括号引用工作流的输入）")]
    public string? Text { get; set; }
}

public sealed class SendEmailSettings : RecipientSettings
{
    [Template, Display(Name = "邮件标题（未选模板时）")]
    public string? Subject { get; set; }

    [Template(html: true), Multiline, Display(Name = "邮件内容 HTML（未选模板时）")]
    public string? Body { get; set; }
}

/// <summary>Queues an SMS in the outbox, in the step's transaction; Failed (with the reason logged) when it cannot be sent.</summary>
public sealed class SendSmsTask : WorkflowTask<SendSmsSettings>
{
    public override string Name => "SendSms";
    public override string DisplayName => "发送短信";

    protected override IReadOnlyList<Outcome> Outcomes(SendSmsSettings settings) => [new("Done", "已发送"), new("Failed", "失败")];

    protected override Task<ActivityResult> ExecuteAsync(ActivityContext context, SendSmsSettings settings) =>
        Send.RunAsync(context, settings, NotificationChannel.Sms, async (outbox, to, model) =>
        {
            if (!string.IsNullOrWhiteSpace(settings.TemplateKind))
                await outbox.QueueTemplateAsync(settings.TemplateKind.Trim(), NotificationChannel.Sms, to, model, correlationId: context.Instance.CorrelationId);
            else await outbox.QueueSmsAsync(to, context.Render(settings.Text), context.Instance.CorrelationId);
        });
}

/// <summary>Queues an e-mail in the outbox, in the step's transaction.</summary>
public sealed class SendEmailTask : WorkflowTask<SendEmailSettings>
{
    public override string Name => "SendEmail";
    public override string DisplayName => "发送邮件";

    protected override IReadOnlyList<Outcome> Outcomes(SendEmailSettings settings) => [new("Done", "已发送"), new("Failed", "失败")];

    protected override Task<ActivityResult> ExecuteAsync(ActivityContext context, SendEmailSettings settings) =>
        Send.RunAsync(context, settings, NotificationChannel.Email, async (outbox, to, model) =>
        {
            if (!string.IsNullOrWhiteSpace(settings.TemplateKind))
                await outbox.QueueTemplateAsync(settings.TemplateKind.Trim(), NotificationChannel.Email, to, model, correlationId: context.Instance.CorrelationId);
            else outbox.QueueEmail(to, context.Render(settings.Subject), context.Render(settings.Body, html: true), correlationId: context.Instance.CorrelationId);
        });
}

internal static class Send
{
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
        if (settings.ToItemOwner && context.Input["Owner"]?.GetValue<string>() is { } owner && await users.FindByNameAsync(owner) is { } ownerUser)
            result.Add(AddressOf(ownerUser));
        if (!string.IsNullOrWhiteSpace(settings.Role))
            result.AddRange((await users.GetUsersInRoleAsync(settings.Role.Trim())).Where(u => u.IsEnabled).Select(AddressOf));
        foreach (var to in context.Render(settings.To).Split([',', '，', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            result.Add(await users.Users.AnyAsync(u => u.UserName == to) && await users.FindByNameAsync(to) is { } named ? AddressOf(named) : to);
        return result.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).Distinct().ToList();
    }
}
