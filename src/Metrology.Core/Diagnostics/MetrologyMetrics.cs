using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Metrology.Core.Diagnostics;

/// <summary>
/// The application's own metrics (meter <c>Metrology</c>), exported with ASP.NET Core's request metrics on the management
/// port's <c>/metrics</c> (Prometheus): tenant job runs and failures, and each tenant's outbox backlog after its last
/// delivery run.
/// </summary>
public static class MetrologyMetrics
{
    public const string MeterName = "Metrology";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>("metrology.job.runs", description: "Runs of tenant jobs, by job and outcome");
    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("metrology.job.duration", unit: "s", description: "How long tenant jobs ran");
    private static readonly ConcurrentDictionary<string, long> Backlog = new(StringComparer.OrdinalIgnoreCase);

    static MetrologyMetrics()
    {
        Meter.CreateObservableGauge("metrology.outbox.backlog",
            () => Backlog.Select(b => new Measurement<long>(b.Value, new KeyValuePair<string, object?>("tenant", b.Key))),
            description: "Messages waiting in a tenant's outbox after its last delivery run on this node");
    }

    /// <summary>A tenant job ran (succeeded or threw).</summary>
    public static void JobRan(string job, bool succeeded, TimeSpan took)
    {
        var tags = new System.Diagnostics.TagList { { "job", job }, { "outcome", succeeded ? "success" : "failure" } };
        JobRuns.Add(1, tags);
        JobDuration.Record(took.TotalSeconds, tags);
    }

    /// <summary>The messages still waiting in <paramref name="tenant"/>'s outbox.</summary>
    public static void OutboxBacklog(string tenant, long waiting) => Backlog[tenant] = waiting;
}
