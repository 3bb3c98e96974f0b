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

/// <summary>A domain event a feature raises, offered by name in the workflow designer.</summary>
public sealed record WorkflowEventName(string Name, string DisplayName);

public static class WorkflowEventServiceCollectionExtensions
{
    /// <summary>Declares a domain event the registering feature raises with <see cref="IWorkflowEvents"/>.</summary>
    public static IServiceCollection AddWorkflowEventName(this IServiceCollection services, string name, string displayName) =>
        services.AddSingleton(new WorkflowEventName(name, displayName));
}
