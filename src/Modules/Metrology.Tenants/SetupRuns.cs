using System.Collections.Concurrent;
using Metrology.Core.Setup;
using Metrology.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Metrology.Tenants;

/// <summary>Setups started from the tenants page, run in the background so the page can show their progress.</summary>
public sealed class SetupRuns(TenantSetup setup, HostAudit audit, ILogger<SetupRuns> log)
{
    private readonly ConcurrentDictionary<string, SetupRun> _runs = new(StringComparer.OrdinalIgnoreCase);

    public SetupRun? Find(string tenant) => _runs.GetValueOrDefault(tenant);

    public SetupRun Start(TenantSettings tenant, SetupRequest request, string userName)
    {
        var run = new SetupRun();
        var current = _runs.AddOrUpdate(tenant.Name, run, (_, old) => old.Done ? run : old);
        if (!ReferenceEquals(current, run)) return current;
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await setup.SetupAsync(tenant, request, run);
                run.Finish(result.Succeeded, result.Error);
                await audit.LogAsync(userName, "初始化", tenant.Name, result.Succeeded, result.Error ?? $"配方 {request.RecipeName}");
            }
            catch (Exception e)
            {
                log.LogError(e, "Setup of {Tenant} failed", tenant.Name);
                run.Finish(false, e.Message);
            }
        });
        return run;
    }
}

/// <summary>The steps a setup has reached, and how it ended.</summary>
public sealed class SetupRun : IProgress<string>
{
    private readonly List<string> _messages = [];

    public bool Done { get; private set; }
    public bool Succeeded { get; private set; }
    public string? Error { get; private set; }

    public IReadOnlyList<string> Messages
    {
        get { lock (_messages) return _messages.ToList(); }
    }

    public void Report(string value)
    {
        lock (_messages) _messages.Add(value);
    }

    public void Finish(bool succeeded, string? error)
    {
        Succeeded = succeeded;
        Error = error;
        Done = true;
    }
}
