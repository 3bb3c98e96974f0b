using System.Text.Json;
using System.Text.Json.Nodes;

namespace Metrology.Workflows.Models;

/// <summary>The graph of one version: activities (with settings and a position) and transitions.</summary>
public sealed class WorkflowDefinition
{
    public List<ActivityRecord> Activities { get; set; } = [];
    public List<Transition> Transitions { get; set; } = [];

    public ActivityRecord? Find(string id) => Activities.FirstOrDefault(a => a.Id == id);

    public IEnumerable<Transition> From(string activityId, string outcome) =>
        Transitions.Where(t => t.From == activityId && t.Outcome == outcome);

    public static WorkflowDefinition Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new() : JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowJson.Options) ?? new();

    public string ToJson() => JsonSerializer.Serialize(this, WorkflowJson.Options);

    public WorkflowDefinition Clone() => Parse(ToJson());
}

/// <summary>An activity placed in a graph: which kind (<see cref="Type"/>), its settings, and where it is drawn.</summary>
public sealed class ActivityRecord
{
    public string Id { get; set; } = "";

    /// <summary>The <see cref="Activities.WorkflowActivity.Name"/> of the activity kind.</summary>
    public string Type { get; set; } = "";

    public string? Title { get; set; }
    public bool IsStart { get; set; }
    public int X { get; set; }
    public int Y { get; set; }
    public JsonObject Settings { get; set; } = [];
}

/// <summary>When <see cref="From"/> ends with <see cref="Outcome"/>, <see cref="To"/> runs next.</summary>
public sealed record Transition(string From, string Outcome, string To);

public static class WorkflowJson
{
    /// <summary>Chinese kept readable in the stored and exported JSON.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}

/// <summary>What an instance carries: the input of the event that last moved it, its properties, and what to run on restart.</summary>
public sealed class WorkflowState
{
    public JsonObject Input { get; set; } = [];
    public JsonObject Properties { get; set; } = [];

    /// <summary>Activities still to run when the instance faulted (the failed one first).</summary>
    public List<string> Pending { get; set; } = [];

    public static WorkflowState Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new() : JsonSerializer.Deserialize<WorkflowState>(json, WorkflowJson.Options) ?? new();

    public string ToJson() => JsonSerializer.Serialize(this, WorkflowJson.Options);
}
