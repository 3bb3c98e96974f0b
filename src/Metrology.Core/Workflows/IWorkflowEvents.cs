using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Workflows;

/// <summary>
/// How a module raises a domain event for workflows (implemented by the Workflows feature):
/// <c>await events.TriggerAsync("FilingSubmitted", new { filing.Id }, $"filing:{filing.Id}")</c>.
/// Call it after the change that caused the event has committed. In a tenant without workflows it does nothing.
/// </summary>
public interface IWorkflowEvents
{
    Task TriggerAsync(string eventName, object? payload = null, string? correlationId = null, CancellationToken ct = default);
}

/// <summary>
/// A domain event a feature raises, offered by name in the workflow designer: its Chinese name, the picker's group
/// (内容, 企业, 备案, 约检, 检定, 证书, 定时, 通知, 流程控制), one line on when it happens, and the data it carries.
/// </summary>
public sealed record WorkflowEventName(string Name, string DisplayName, string? Group = null, string? Description = null,
    IReadOnlyList<WorkflowEventField>? Fields = null)
{
    public IReadOnlyList<WorkflowEventField> DataFields => Fields ?? [];
}

/// <summary>
/// One value of an event's payload the designer offers for conditions and messages: its path in the payload
/// ("filing.usages"), a Chinese label, a sample for previews, and the code list when the value is a code (usage 1–4).
/// A field whose value is an array of codes matches a code when any element does.
/// </summary>
public sealed record WorkflowEventField(string Path, string Label, string? Sample = null, IReadOnlyList<WorkflowFieldOption>? Options = null);

/// <summary>One code of a field's code list: the stored value and its Chinese label.</summary>
public sealed record WorkflowFieldOption(string Value, string Label);

public static class WorkflowEventServiceCollectionExtensions
{
    /// <summary>Declares a domain event the registering feature raises with <see cref="IWorkflowEvents"/>.</summary>
    public static IServiceCollection AddWorkflowEventName(this IServiceCollection services, string name, string displayName,
        string? group = null, string? description = null, params WorkflowEventField[] fields) =>
        services.AddSingleton(new WorkflowEventName(name, displayName, group, description, fields));
}

/// <summary>A real item to try a workflow on (试运行): its label, and the payload its event would carry.</summary>
public sealed record WorkflowSample(string Id, string Label, object Payload, string? CorrelationId);

/// <summary>
/// Offers recent real items for a domain event the feature raises, so staff can try a workflow on one in the designer
/// (nothing is sent or changed). Registered by the feature that raises the event.
/// </summary>
public interface IWorkflowSampleSource
{
    Task<IReadOnlyList<WorkflowSample>> SamplesAsync(string eventName, CancellationToken ct = default);
}
