using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Pages.Shared;

/// <summary>What the SVG diagram draws: the graph, and for an instance the activities it ran, waits on, or failed in.</summary>
public sealed record DiagramModel(WorkflowDefinition Definition, WorkflowActivities Activities, WorkflowValidator Titles,
    IReadOnlySet<string>? Ran = null, IReadOnlySet<string>? Waiting = null, string? Failed = null, bool Draggable = false,
    IReadOnlySet<string>? Invalid = null)
{
    public const int Width = 160;
    public const int Height = 56;

    public int CanvasWidth => Math.Max(400, Definition.Activities.Select(a => a.X).DefaultIfEmpty(0).Max() + Width + 40);
    public int CanvasHeight => Math.Max(160, Definition.Activities.Select(a => a.Y).DefaultIfEmpty(0).Max() + Height + 60);

    public string OutcomeLabel(ActivityRecord from, string outcome) =>
        Activities.Find(from.Type)?.OutcomesOf(from).FirstOrDefault(o => o.Name == outcome)?.DisplayName ?? outcome;

    /// <summary>An activity's outcomes, each with the x of its port on the node's lower edge.</summary>
    public IReadOnlyList<(string Name, string Label, int X)> Ports(ActivityRecord a)
    {
        var outcomes = Activities.Find(a.Type)?.OutcomesOf(a) ?? [];
        return outcomes.Select((o, i) => (o.Name, o.DisplayName, Width * (i + 1) / (outcomes.Count + 1))).ToList();
    }

    /// <summary>Where a transition leaves its activity: the port of its outcome, else the middle.</summary>
    public int PortX(ActivityRecord from, string outcome) =>
        Ports(from).FirstOrDefault(p => p.Name == outcome) is { Name: not null } p ? p.X : Width / 2;

    public string KindLabel(ActivityRecord a) => Activities.Find(a.Type)?.DisplayName ?? a.Type;
}
