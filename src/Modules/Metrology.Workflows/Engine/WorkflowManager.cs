using System.Text.Json;
using System.Text.Json.Nodes;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Core.Workflows;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Metrology.Workflows.Engine;

/// <summary>
/// The workflow engine's entry point. Modules raise their domain events here:
/// <c>await workflows.TriggerAsync("RegistrationSubmitted", new { registration.Id, registration.Company }, registration.Id);</c>
/// Triggering resumes the instances blocked on the event with that correlation id, then starts the
/// enabled types that begin with it; both are index look-ups. Each instance runs in its own scope and
/// transaction. In a tenant without the Workflows feature it does nothing.
/// </summary>
public sealed class WorkflowManager(TenantDbContext db, TenantContext tenant, TenantScopes scopes, ILogger<WorkflowManager> log) : IWorkflowEvents
{
    public const string FeatureId = "Metrology.Workflows";

    /// <summary>How deep events raised by workflows may raise more events.</summary>
    public const int MaxDepth = 5;

    private static readonly AsyncLocal<int> Depth = new();

    // Events raised while an instance runs wait until its step has committed: on SQLite the nested run
    // would otherwise wait on the outer transaction's write lock.
    // The raising scope (the run's) is gone by then, so only the event is kept and the manager that ran the
    // instance raises it.
    private static readonly AsyncLocal<List<RaisedEvent>?> Deferred = new();

    private sealed record RaisedEvent(string Name, JsonObject Input, string? CorrelationId, string? Filter);

    /// <summary>Raises a domain event; <paramref name="payload"/> (any object, serialized to JSON) becomes the input.</summary>
    public Task TriggerAsync(string eventName, object? payload = null, string? correlationId = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (eventName.StartsWith('$')) throw new ArgumentException("以 $ 开头的事件名由工作流内部使用。", nameof(eventName));
        return TriggerAsync(eventName, ToInput(payload), correlationId, null, ct);
    }

    internal async Task TriggerAsync(string eventName, JsonObject input, string? correlationId, string? filter, CancellationToken ct)
    {
        if (!tenant.IsEnabled(FeatureId)) return;
        if (Deferred.Value is { } later)
        {
            later.Add(new RaisedEvent(eventName, input, correlationId, filter));
            return;
        }
        if (Depth.Value >= MaxDepth)
        {
            log.LogWarning("Workflow event {Event} not raised: events raised by workflows nested {Depth} deep.", eventName, Depth.Value);
            return;
        }
        var blocked = await db.Set<WorkflowBlock>().AsNoTracking()
            .Where(b => b.EventName == eventName && b.CorrelationId == correlationId)
            .Select(b => new { b.InstanceId, b.ActivityId }).ToListAsync(ct);
        foreach (var b in blocked)
            await RunAsync(r => r.ResumeAsync(b.InstanceId, b.ActivityId, (JsonObject)input.DeepClone(), null, ct));
        var starts = await db.Set<WorkflowStart>().AsNoTracking()
            .Where(s => s.EventName == eventName && (s.Filter == null || s.Filter == filter))
            .ToListAsync(ct);
        foreach (var s in starts.DistinctBy(s => (s.TypeVersionId, s.ActivityId)))
            await RunAsync(r => r.StartAsync(s.WorkflowTypeId, s.TypeVersionId, s.ActivityId, (JsonObject)input.DeepClone(), correlationId, ct));
    }

    /// <summary>Resumes one instance at one blocking activity (a user task's action, a signal, a timer).</summary>
    internal Task<bool> ResumeAsync(int instanceId, string activityId, JsonObject input, string? userName, CancellationToken ct) =>
        RunAsync(r => r.ResumeAsync(instanceId, activityId, input, userName, ct));

    internal Task<bool> StartAsync(string typeId, int versionId, string activityId, JsonObject input, string? correlationId, CancellationToken ct) =>
        RunAsync(async r => await r.StartAsync(typeId, versionId, activityId, input, correlationId, ct) is not null);

    public Task<bool> RestartAsync(int instanceId, CancellationToken ct = default) => RunAsync(r => r.RestartAsync(instanceId, ct));

    public Task<bool> AbortAsync(int instanceId, string? userName, CancellationToken ct = default) => RunAsync(r => r.AbortAsync(instanceId, userName, ct));

    private async Task<T> RunAsync<T>(Func<WorkflowRunner, Task<T>> work)
    {
        var raised = new List<RaisedEvent>();
        var outer = Deferred.Value;
        T result;
        Deferred.Value = raised;
        try
        {
            await using var scope = scopes.Create(tenant.Tenant);
            result = await work(scope.ServiceProvider.GetRequiredService<WorkflowRunner>());
        }
        finally
        {
            Deferred.Value = outer;
        }
        if (raised.Count == 0) return result;
        Depth.Value++;
        try
        {
            foreach (var e in raised) await TriggerAsync(e.Name, e.Input, e.CorrelationId, e.Filter, CancellationToken.None);
        }
        finally
        {
            Depth.Value--;
        }
        return result;
    }

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.General);

    internal static JsonObject ToInput(object? payload) => payload switch
    {
        null => [],
        JsonObject o => (JsonObject)o.DeepClone(),
        _ => JsonSerializer.SerializeToNode(payload, PayloadJson) as JsonObject ?? new JsonObject { ["Value"] = JsonSerializer.SerializeToNode(payload, PayloadJson) },
    };
}
