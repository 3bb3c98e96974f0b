using Metrology.Core.Tenants;
using Metrology.Workflows.Activities;

namespace Metrology.Workflows.Engine;

/// <summary>The activity kinds of the tenant's enabled features, by name.</summary>
public sealed class WorkflowActivities(IEnumerable<WorkflowActivity> all, FeatureFilter features)
{
    private IReadOnlyList<WorkflowActivity>? _enabled;

    public IReadOnlyList<WorkflowActivity> All => _enabled ??= features.Enabled(all).OrderBy(a => a.IsEvent ? 0 : 1).ThenBy(a => a.Category).ToList();

    public WorkflowActivity? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}
