using System.Text.Json.Nodes;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Engine;

/// <summary>One step of a dry run: the activity, the outcome it would take (null where the run waits or ends) and what it would do.</summary>
public sealed record DryRunStep(string ActivityId, string Title, string? Outcome, string Note);

/// <summary>The path a dry run took, for the diagram (ran, and where it would wait) and the list of steps.</summary>
public sealed record DryRunResult(string Item, IReadOnlyList<DryRunStep> Steps)
{
    public IReadOnlySet<string> Ran => Steps.Where(s => s.Outcome is not null).Select(s => s.ActivityId).ToHashSet();
    public IReadOnlySet<string> Stopped => Steps.Where(s => s.Outcome is null).Select(s => s.ActivityId).ToHashSet();
}

/// <summary>
/// 试运行: walks a graph from its start with an item's payload using each activity's <see cref="WorkflowActivity.Preview"/>.
/// No instance, no database write, nothing sent; the path stops where the workflow would wait or end.
/// </summary>
public sealed class WorkflowDryRun(WorkflowActivities activities, WorkflowValidator validator, WorkflowTemplates templates, DesignerCatalog catalog)
{
    public const int MaxSteps = 100;

    public DryRunResult Run(WorkflowDefinition definition, ActivityRecord start, object? payload, string item)
    {
        // The input exactly as a trigger would make it.
        var input = WorkflowManager.ToInput(payload);
        var context = new PreviewContext(input, templates, catalog.TemplateKinds.ToDictionary(k => k.Key, k => k.Name));
        var steps = new List<DryRunStep>();
        var queue = new Queue<(ActivityRecord Activity, bool Started)>([(start, true)]);
        while (queue.TryDequeue(out var next) && steps.Count < MaxSteps)
        {
            var (a, started) = next;
            var kind = activities.Find(a.Type);
            var preview = kind is null ? new ActivityPreview(null, "活动类型不存在或其功能未启用。")
                : started ? new ActivityPreview("Done", $"事件发生：{validator.Title(a)}。")
                : kind.Preview(a, context);
            steps.Add(new DryRunStep(a.Id, validator.Title(a), preview.Outcome, preview.Note));
            if (preview.Outcome is null) continue;
            foreach (var t in definition.From(a.Id, preview.Outcome))
                if (definition.Find(t.To) is { } to) queue.Enqueue((to, false));
        }
        if (steps.Count >= MaxSteps) steps.Add(new DryRunStep(start.Id, validator.Title(start), null, $"超过 {MaxSteps} 步，可能有循环，试运行停止。"));
        return new DryRunResult(item, steps);
    }

    /// <summary>A payload made of the declared fields' samples ("filing.usages" = 2 becomes { filing: { usages: [2] } }).</summary>
    public static JsonObject SampleInput(IEnumerable<DesignerField> fields)
    {
        var root = new JsonObject();
        foreach (var f in fields.Where(f => f.Path.StartsWith("input.", StringComparison.Ordinal) && f.Sample is not null))
        {
            var segments = f.Path["input.".Length..].Split('.');
            var node = root;
            foreach (var s in segments[..^1]) node = node[s] as JsonObject ?? (JsonObject)(node[s] = new JsonObject());
            node[segments[^1]] = JsonValue.Create(f.Sample);
        }
        return root;
    }
}
