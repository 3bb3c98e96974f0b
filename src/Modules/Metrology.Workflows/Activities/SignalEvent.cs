using System.ComponentModel.DataAnnotations;
using Metrology.Workflows.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Workflows.Activities;

public sealed class SignalSettings
{
    [Required, Display(Name = "链接保存到属性")]
    public string UrlProperty { get; set; } = "SignalUrl";
}

/// <summary>
/// Waits until someone opens a link: the signed URL (/workflows/signal/{token}) is put in a property, for a
/// message to carry; opening it and confirming resumes this activity of this instance.
/// </summary>
public sealed class SignalEvent : WorkflowEvent<SignalSettings>
{
    public const string Event = "$Signal";

    public override string Name => "Signal";
    public override string DisplayName => "信号链接";
    public override string Description => "等待有人打开流程发出的一次性链接（如邮件中的“确认”链接）。";

    public override bool CanStart => false;

    public override string EventName(SignalSettings settings) => Event;

    protected override Task<ActivityResult> HaltingAsync(ActivityContext context, SignalSettings settings)
    {
        var url = context.Services.GetRequiredService<SignalTokens>().UrlFor(context.Instance.InstanceId, context.Activity.Id);
        context.Properties[settings.UrlProperty] = url;
        return Task.FromResult(ActivityResult.Halt());
    }
}
