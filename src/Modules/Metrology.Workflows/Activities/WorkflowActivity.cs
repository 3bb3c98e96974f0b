using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Activities;

/// <summary>A named result of an activity that a transition can follow.</summary>
public sealed record Outcome(string Name, string DisplayName);

/// <summary>What an activity did: ended with outcomes, or halted to wait for its event.</summary>
public sealed class ActivityResult
{
    private ActivityResult(bool halted, IReadOnlyList<string> outcomes) => (Halted, Outcomes) = (halted, outcomes);

    public bool Halted { get; }
    public IReadOnlyList<string> Outcomes { get; }

    public static ActivityResult Halt() => new(true, []);

    public static ActivityResult Done(params string[] outcomes) => new(false, outcomes);
}

/// <summary>
/// A kind of activity: an event (<see cref="WorkflowEvent{TSettings}"/>) or a task
/// (<see cref="WorkflowTask{TSettings}"/>). Modules add their own with one class and
/// <c>services.AddWorkflowActivity&lt;T&gt;()</c>; only activities of a tenant's enabled features are offered and run.
/// </summary>
public abstract class WorkflowActivity
{
    /// <summary>Stable id stored in graphs ("SetProperty"); never rename one that is in use.</summary>
    public abstract string Name { get; }

    /// <summary>Shown in the designer (Chinese).</summary>
    public abstract string DisplayName { get; }

    /// <summary>The picker's group: 内容, 企业, 备案, 约检, 检定, 证书, 定时, 通知 or 流程控制.</summary>
    public virtual string Category => "流程控制";

    /// <summary>The name an activity of this kind is shown with when it has no title of its own.</summary>
    public virtual string TitleOf(ActivityRecord activity) => DisplayName;

    /// <summary>One line on what the activity does, shown in the picker (Chinese).</summary>
    public virtual string Description => "";

    public virtual bool IsEvent => false;

    public abstract Type SettingsType { get; }

    public abstract IReadOnlyList<Outcome> OutcomesOf(ActivityRecord activity);

    /// <summary>Problems with the settings, in Chinese; empty when they are complete.</summary>
    public virtual IEnumerable<string> Validate(ActivityRecord activity)
    {
        var settings = SettingsOf(activity);
        foreach (var p in SettingsType.GetProperties())
        {
            if (p.GetCustomAttribute<RequiredAttribute>() is null) continue;
            var value = p.GetValue(settings);
            if (value is null || value is string s && string.IsNullOrWhiteSpace(s) || value is System.Collections.ICollection { Count: 0 })
                yield return $"缺少必填设置「{p.GetCustomAttribute<DisplayAttribute>()?.Name ?? p.Name}」";
        }
    }

    /// <summary>
    /// What the activity would do in a dry run (试运行), without services: nothing is sent, saved or raised. By default
    /// an event waits and a task ends with its first outcome.
    /// </summary>
    public virtual ActivityPreview Preview(ActivityRecord activity, PreviewContext context) =>
        IsEvent ? new(null, $"流程在此等待「{TitleOf(activity)}」。")
        : new(OutcomesOf(activity).FirstOrDefault()?.Name, $"将执行「{DisplayName}」。");

    /// <summary>Runs the activity when the flow reaches it.</summary>
    public abstract Task<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Runs an event activity when its event happens (it started the instance, or the instance waited on it).</summary>
    public virtual Task<ActivityResult> ResumeAsync(ActivityContext context) => Task.FromResult(ActivityResult.Done("Done"));

    /// <summary>For an event: the name it is triggered (and waited on) by.</summary>
    public virtual string? EventNameOf(ActivityRecord activity) => null;

    /// <summary>For an event: values that narrow a start in the index (content types); one null for none.</summary>
    public virtual IEnumerable<string?> StartFiltersOf(ActivityRecord activity) => [null];

    /// <summary>For an event: whether this happening of it (its input) is one the activity waits for.</summary>
    public virtual bool MatchesOf(ActivityRecord activity, JsonObject input) => true;

    /// <summary>Whether the activity can be a start activity.</summary>
    public virtual bool CanStart => IsEvent;

    public object SettingsOf(ActivityRecord activity) =>
        activity.Settings.Deserialize(SettingsType, WorkflowJson.Options) ?? Activator.CreateInstance(SettingsType)!;
}

/// <summary>An activity that does something and ends with an outcome.</summary>
public abstract class WorkflowTask<TSettings> : WorkflowActivity where TSettings : class, new()
{
    public override Type SettingsType => typeof(TSettings);

    public override IReadOnlyList<Outcome> OutcomesOf(ActivityRecord activity) => Outcomes((TSettings)SettingsOf(activity));

    protected virtual IReadOnlyList<Outcome> Outcomes(TSettings settings) => [new("Done", "完成")];

    public override Task<ActivityResult> ExecuteAsync(ActivityContext context) => ExecuteAsync(context, (TSettings)SettingsOf(context.Activity));

    protected abstract Task<ActivityResult> ExecuteAsync(ActivityContext context, TSettings settings);
}

/// <summary>
/// An event: a start activity (the instance begins when it happens), or a point where a running instance
/// halts until it happens. <see cref="EventName"/> is what <see cref="Engine.WorkflowManager.TriggerAsync(string, object?, string?, CancellationToken)"/> is called with.
/// </summary>
public abstract class WorkflowEvent<TSettings> : WorkflowActivity where TSettings : class, new()
{
    public override bool IsEvent => true;

    public override Type SettingsType => typeof(TSettings);

    public abstract string EventName(TSettings settings);

    public sealed override string EventNameOf(ActivityRecord activity) => EventName((TSettings)SettingsOf(activity));

    public virtual IEnumerable<string?> StartFilters(TSettings settings) => [null];

    public sealed override IEnumerable<string?> StartFiltersOf(ActivityRecord activity) => StartFilters((TSettings)SettingsOf(activity));

    public virtual bool Matches(TSettings settings, JsonObject input) => true;

    public sealed override bool MatchesOf(ActivityRecord activity, JsonObject input) => Matches((TSettings)SettingsOf(activity), input);

    public override IReadOnlyList<Outcome> OutcomesOf(ActivityRecord activity) => Outcomes((TSettings)SettingsOf(activity));

    protected virtual IReadOnlyList<Outcome> Outcomes(TSettings settings) => [new("Done", "完成")];

    /// <summary>Reached in the flow: by default the instance waits for the event.</summary>
    public override Task<ActivityResult> ExecuteAsync(ActivityContext context) => HaltingAsync(context, (TSettings)SettingsOf(context.Activity));

    protected virtual Task<ActivityResult> HaltingAsync(ActivityContext context, TSettings settings) => Task.FromResult(ActivityResult.Halt());

    public override Task<ActivityResult> ResumeAsync(ActivityContext context) => ResumeAsync(context, (TSettings)SettingsOf(context.Activity));

    protected virtual Task<ActivityResult> ResumeAsync(ActivityContext context, TSettings settings) => Task.FromResult(ActivityResult.Done("Done"));
}

/// <summary>Marks a settings property that holds a Handlebars template; Html means its output is HTML (escaped values).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TemplateAttribute(bool html = false) : Attribute
{
    public bool Html { get; } = html;
}

/// <summary>Marks a string property edited as a multi-line text box.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultilineAttribute : Attribute;

/// <summary>The designer offers a setting's values from a list of the site's: content types, roles, declared domain events or notification templates.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionsAttribute(string source) : Attribute
{
    public const string ContentTypes = "ContentTypes";
    public const string Roles = "Roles";
    public const string DomainEvents = "DomainEvents";
    public const string TemplateKinds = "TemplateKinds";

    public string Source { get; } = source;
}
