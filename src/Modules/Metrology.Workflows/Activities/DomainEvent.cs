using System.ComponentModel.DataAnnotations;

namespace Metrology.Workflows.Activities;

public sealed class DomainEventSettings
{
    [Required, Display(Name = "事件名称")]
    public string? EventName { get; set; }
}

/// <summary>
/// A business event a module raises by name with <c>WorkflowManager.TriggerAsync("RegistrationSubmitted", payload, correlationId)</c>.
/// The payload becomes the workflow's input.
/// </summary>
public sealed class DomainEvent : WorkflowEvent<DomainEventSettings>
{
    public override string Name => "DomainEvent";
    public override string DisplayName => "业务事件";

    public override string EventName(DomainEventSettings settings) => settings.EventName?.Trim() ?? "";
}

/// <summary>A domain event name offered in the designer; modules register theirs with <c>services.AddWorkflowEventName(...)</c>.</summary>
