using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Pages.Shared;

/// <summary>What the SVG diagram draws: the graph, and for an instance the activities it ran, waits on, or failed in.</summary>
public sealed record DiagramModel(WorkflowDefinition Definition, WorkflowActivities Activities, WorkflowValidator Titles,
    IReadOnlySet<string>? Ran = null, IReadOnlySet<string>? Waiting = null, string? Failed = null, bool Draggable = false)
{
    public const int Width = 160;
    public const int Height = 56;

    public int CanvasWidth => Math.Max(400, Definition.Activities.Select(a => a.X).DefaultIfEmpty(0).Max() + Width + 40);
    public int CanvasHeight => Math.Max(160, Definition.Activities.Select(a => a.Y).DefaultIfEmpty(0).Max() + Height + 40);

    public string OutcomeLabel(ActivityRecord from, string outcome) =>
        Activities.Find(from.Type)?.OutcomesOf(from).FirstOrDefault(o => o.Name == outcome)?.DisplayName ?? outcome;

    public string KindLabel(ActivityRecord a) => Activities.Find(a.Type)?.DisplayName ?? a.Type;
}
