using System.ComponentModel.DataAnnotations;

namespace Metrology.Workflows.Activities;

public sealed class DomainEventSettings
{
    [Required, Options(OptionsAttribute.DomainEvents), Display(Name = "业务事件")]
    public string? EventName { get; set; }
}

/// <summary>
/// A business event a module raises by name with <c>WorkflowManager.TriggerAsync("RegistrationSubmitted", payload, correlationId)</c>.
/// The payload becomes the workflow's input.
/// </summary>
public sealed class DomainEvent(IEnumerable<Metrology.Core.Workflows.WorkflowEventName> declared) : WorkflowEvent<DomainEventSettings>
{
    /// <summary>Shown by the event's Chinese name ("强检备案申请已提交"), as the recipes' graphs give no titles.</summary>
    public override string TitleOf(Models.ActivityRecord activity) =>
        declared.FirstOrDefault(e => e.Name == EventNameOf(activity))?.DisplayName ?? DisplayName;

    public override string Name => "DomainEvent";
    public override string DisplayName => "业务事件";
    public override string Description => "业务模块中发生的事件（如备案申请已提交），从列表中选择。";

    public override string EventName(DomainEventSettings settings) => settings.EventName?.Trim() ?? "";
}

/// <summary>A domain event name offered in the designer; modules register theirs with <c>services.AddWorkflowEventName(...)</c>.</summary>
