using System.Text.Json.Nodes;
using Metrology.Workflows.Engine;

namespace Metrology.Workflows.Activities;

/// <summary>What an activity sees in a dry run (试运行): the input and properties, and templates to render; no services, nothing saved or sent.</summary>
public sealed class PreviewContext(JsonObject input, WorkflowTemplates templates, IReadOnlyDictionary<string, string> templateNames)
{
    public JsonObject Input { get; } = input;
    public JsonObject Properties { get; } = [];

    /// <summary>The notification templates' Chinese names, by kind.</summary>
    public IReadOnlyDictionary<string, string> TemplateNames { get; } = templateNames;

    public string Render(string? template, bool html = false) => templates.Render(template, Model(), html);

    internal JsonObject Model() => new()
    {
        ["input"] = Input.DeepClone(),
        ["properties"] = Properties.DeepClone(),
        ["workflow"] = new JsonObject { ["instanceId"] = "试运行", ["correlationId"] = "试运行" },
    };
}

/// <summary>What an activity would do: the outcome it would end with (null: the run waits or ends here), and a line saying what.</summary>
public sealed record ActivityPreview(string? Outcome, string Note);
