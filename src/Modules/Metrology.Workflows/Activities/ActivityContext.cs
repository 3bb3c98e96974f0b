using System.Text.Json.Nodes;
using Metrology.Core.Data;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Activities;

/// <summary>What an activity sees while it runs: the instance, its state, the scope's services and database.</summary>
public sealed class ActivityContext
{
    internal ActivityContext(WorkflowInstance instance, WorkflowDefinition definition, ActivityRecord activity, WorkflowState state,
        IServiceProvider services, TenantDbContext db, WorkflowTemplates templates, DateTime nowUtc, string? userName)
    {
        Instance = instance;
        Definition = definition;
        Activity = activity;
        State = state;
        Services = services;
        Db = db;
        _templates = templates;
        NowUtc = nowUtc;
        UserName = userName;
    }

    private readonly WorkflowTemplates _templates;

    public WorkflowInstance Instance { get; }
    public WorkflowDefinition Definition { get; }
    public ActivityRecord Activity { get; }
    public WorkflowState State { get; }
    public IServiceProvider Services { get; }

    /// <summary>The instance's transaction: what an activity adds here is saved with the step, or not at all.</summary>
    public TenantDbContext Db { get; }

    public DateTime NowUtc { get; }

    /// <summary>The user who moved the instance (a user task's action), else null.</summary>
    public string? UserName { get; }

    public JsonObject Input => State.Input;
    public JsonObject Properties => State.Properties;

    /// <summary>A message for the execution log of this step.</summary>
    public string? Message { get; set; }

    /// <summary>Renders a Handlebars template over input, properties and the instance; html escapes the values.</summary>
    public string Render(string? template, bool html = false) => _templates.Render(template, Model(), html);

    internal JsonObject Model() => new()
    {
        ["input"] = Input.DeepClone(),
        ["properties"] = Properties.DeepClone(),
        ["workflow"] = new JsonObject { ["instanceId"] = Instance.InstanceId, ["correlationId"] = Instance.CorrelationId },
    };
}
