using System.ComponentModel.DataAnnotations;
using Metrology.Core.Security;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Metrology.Workflows.Activities;

public sealed class IfElseSettings
{
    [Display(Name = "条件")]
    public Condition Condition { get; set; } = new();
}

/// <summary>Follows 是 or 否 by a structured condition over input and properties.</summary>
public sealed class IfElseTask : WorkflowTask<IfElseSettings>
{
    public override string Name => "IfElse";
    public override string DisplayName => "条件判断";
    public override string Description => "按条件分成“是”和“否”两条路径。";

    protected override IReadOnlyList<Outcome> Outcomes(IfElseSettings settings) => [new("True", "是"), new("False", "否")];

    public override IEnumerable<string> Validate(ActivityRecord activity)
    {
        var settings = (IfElseSettings)SettingsOf(activity);
        if (settings.Condition.IsEmpty) yield return "缺少必填设置「条件」";
        foreach (var c in settings.Condition.Clauses.Concat(settings.Condition.Groups.SelectMany(g => g.Clauses)).Where(c => !Clause.Operators.ContainsKey(c.Operator)))
            yield return $"条件运算符「{c.Operator}」无效";
    }

    public override ActivityPreview Preview(ActivityRecord activity, PreviewContext context)
    {
        var result = ((IfElseSettings)SettingsOf(activity)).Condition.Evaluate(context.Model());
        return new(result ? "True" : "False", result ? "条件成立，走“是”。" : "条件不成立，走“否”。");
    }

    protected override Task<ActivityResult> ExecuteAsync(ActivityContext context, IfElseSettings settings) =>
        Task.FromResult(ActivityResult.Done(settings.Condition.Evaluate(context.Model()) ? "True" : "False"));
}

public sealed class SetPropertySettings
{
    [Required, Display(Name = "属性名")]
    public string? Name { get; set; }

    [Template, Display(Name = "值")]
    public string? Value { get; set; }
}

public sealed class SetPropertyTask : WorkflowTask<SetPropertySettings>
{
    public override string Name => "SetProperty";
    public override string DisplayName => "设置属性";
    public override string Description => "记下一个值，供后面的条件和消息使用。";

    public override ActivityPreview Preview(ActivityRecord activity, PreviewContext context)
    {
        var s = (SetPropertySettings)SettingsOf(activity);
        var value = context.Render(s.Value);
        context.Properties[s.Name?.Trim() ?? ""] = value;
        return new("Done", $"属性「{s.Name}」= {value}");
    }

    protected override Task<ActivityResult> ExecuteAsync(ActivityContext context, SetPropertySettings settings)
    {
        context.Properties[settings.Name!.Trim()] = context.Render(settings.Value);
        return Task.FromResult(ActivityResult.Done("Done"));
    }
}

public sealed class LogSettings
{
    [Required, Template, Display(Name = "日志内容")]
    public string? Text { get; set; }
}

/// <summary>Writes a line to the instance's log (and the application log).</summary>
public sealed class LogTask : WorkflowTask<LogSettings>
{
    public override string Name => "Log";
    public override string DisplayName => "记录日志";
    public override string Description => "在流程实例的记录中写一行说明。";

    public override ActivityPreview Preview(ActivityRecord activity, PreviewContext context) =>
        new("Done", "记录：" + context.Render(((LogSettings)SettingsOf(activity)).Text));

    protected override Task<ActivityResult> ExecuteAsync(ActivityContext context, LogSettings settings)
    {
        context.Message = context.Render(settings.Text);
        context.Services.GetRequiredService<ILogger<LogTask>>().LogInformation("Workflow {Instance}: {Text}", context.Instance.InstanceId, context.Message);
        return Task.FromResult(ActivityResult.Done("Done"));
    }
}

public sealed class NotifyRoleSettings
{
    [Required, Options(OptionsAttribute.Roles), Display(Name = "通知的角色")]
    public string? Role { get; set; }

    [Required, Template, Display(Name = "标题")]
    public string? Subject { get; set; }

    [Template(html: true), Multiline, Display(Name = "内容")]
    public string? Body { get; set; }

    [Template, Display(Name = "链接（站内路径，可插入“后台链接”字段）")]
    public string? Url { get; set; }
}

/// <summary>Puts a message in the back-office inbox of every user of a role.</summary>
public sealed class NotifyRoleTask : WorkflowTask<NotifyRoleSettings>
{
    public override string Name => "NotifyRole";
    public override string DisplayName => "站内通知角色";
    public override string Description => "给某个角色的全部后台用户发站内通知。";
    public override string Category => "通知";

    public override ActivityPreview Preview(ActivityRecord activity, PreviewContext context)
    {
        var s = (NotifyRoleSettings)SettingsOf(activity);
        return new("Done", $"将站内通知角色「{s.Role}」：{context.Render(s.Subject)}");
    }

    protected override async Task<ActivityResult> ExecuteAsync(ActivityContext context, NotifyRoleSettings settings)
    {
        var role = settings.Role!.Trim();
        // A role renamed or removed after the workflow was designed: fault, so staff see it and can restart.
        if (!await context.Services.GetRequiredService<RoleManager<Role>>().RoleExistsAsync(role)) throw new InvalidOperationException($"角色「{role}」不存在。");
        var users = await context.Services.GetRequiredService<UserManager<User>>().GetUsersInRoleAsync(role);
        var subject = context.Render(settings.Subject);
        var body = context.Render(settings.Body, html: true);
        var url = context.Render(settings.Url);
        foreach (var user in users.Where(u => u.IsEnabled))
        {
            context.Db.Add(new WorkflowMessage
            {
                UserId = user.Id,
                Subject = subject.Length > 200 ? subject[..200] : subject,
                Body = body,
                Url = url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : null,
                CreatedUtc = context.NowUtc,
            });
        }
        context.Message = $"已通知角色「{role}」的 {users.Count} 位用户：{subject}";
        return ActivityResult.Done("Done");
    }
}

public sealed class FinishSettings;

/// <summary>The end of a path: every outcome in a graph leads somewhere, and paths end here.</summary>
public sealed class FinishTask : WorkflowTask<FinishSettings>
{
    public override string Name => "Finish";
    public override string DisplayName => "结束";
    public override string Description => "流程在这里结束。";

    protected override IReadOnlyList<Outcome> Outcomes(FinishSettings settings) => [];

    public override ActivityPreview Preview(ActivityRecord activity, PreviewContext context) => new(null, "流程结束。");

    protected override Task<ActivityResult> ExecuteAsync(ActivityContext context, FinishSettings settings) => Task.FromResult(ActivityResult.Done());
}

public sealed class RaiseEventSettings
{
    [Required, Options(OptionsAttribute.DomainEvents), Display(Name = "业务事件")]
    public string? EventName { get; set; }

    [Template, Display(Name = "关联 ID（留空为本实例的关联 ID）")]
    public string? CorrelationId { get; set; }
}

/// <summary>
/// Raises a domain event with the instance's properties as its payload, for one workflow to start or resume
/// another. It is raised after this step commits, and chains stop at <see cref="WorkflowManager.MaxDepth"/>.
/// </summary>
public sealed class RaiseEventTask : WorkflowTask<RaiseEventSettings>
{
    public override string Name => "RaiseEvent";
    public override string DisplayName => "触发业务事件";
    public override string Description => "触发一个业务事件，让另一个流程开始或继续。";

    public override ActivityPreview Preview(ActivityRecord activity, PreviewContext context) =>
        new("Done", $"将触发业务事件「{((RaiseEventSettings)SettingsOf(activity)).EventName}」（试运行不触发）。");

    protected override async Task<ActivityResult> ExecuteAsync(ActivityContext context, RaiseEventSettings settings)
    {
        var correlationId = string.IsNullOrWhiteSpace(settings.CorrelationId) ? context.Instance.CorrelationId : context.Render(settings.CorrelationId);
        await context.Services.GetRequiredService<WorkflowManager>().TriggerAsync(settings.EventName!.Trim(), context.Properties.DeepClone(), correlationId);
        context.Message = $"已触发 {settings.EventName}";
        return ActivityResult.Done("Done");
    }
}
