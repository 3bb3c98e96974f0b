using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyModel;

namespace Metrology.Core.Modules;

/// <summary>
/// The features the host was built with, in dependency order, and which feature each contributed
/// service type belongs to (recorded while the feature's startup registers its services).
/// </summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<Type, string> _featureOfType = [];
    private readonly Dictionary<Assembly, string> _featureOfAssembly = [];
    private readonly Dictionary<object, string> _featureOfInstance = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ModuleStartup> _byId;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlySet<string>> _enabled = new(StringComparer.OrdinalIgnoreCase);

    internal ModuleCatalog(IReadOnlyList<ModuleStartup> startups, IReadOnlyList<Assembly>? assemblies = null)
    {
        Features = Sort(startups);
        Assemblies = assemblies ?? startups.Select(s => s.GetType().Assembly).Distinct().ToList();
        _byId = Features.ToDictionary(f => f.FeatureId, StringComparer.OrdinalIgnoreCase);
        foreach (var s in Features)
        {
            _featureOfAssembly.TryAdd(s.GetType().Assembly, s.FeatureId);
        }
    }

    /// <summary>All features, dependencies first.</summary>
    public IReadOnlyList<ModuleStartup> Features { get; }

    /// <summary>The framework, the host and every module or theme assembly.</summary>
    public IReadOnlyList<Assembly> Assemblies { get; }

    public ModuleStartup? Find(string featureId) => _byId.GetValueOrDefault(featureId);

    /// <summary>
    /// The enabled features of a tenant whose setting is <paramref name="features"/> (comma separated; unknown ids are
    /// left out), dependencies and always-enabled features included. Computed once per distinct setting: every request asks.
    /// </summary>
    public IReadOnlySet<string> EnabledBy(string features)
    {
        // A tenant's setting is the same string object on every request until the registry is read again: found by
        // reference first, without hashing the whole setting each time (docs/performance.md, tenth pass).
        if (_enabledByInstance.TryGetValue(features, out var known)) return known;
        var enabled = _enabled.GetOrAdd(features, f => Closure(f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(id => Find(id) is not null)));
        _enabledByInstance.AddOrUpdate(features, enabled);
        return enabled;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, IReadOnlySet<string>> _enabledByInstance = new();

    /// <summary>The feature that registered <paramref name="type"/>, or the feature of its assembly.</summary>
    public string? FeatureOf(Type type) =>
        _featureOfType.TryGetValue(type, out var id) ? id
        : _featureOfAssembly.TryGetValue(type.Assembly, out var byAssembly) ? byAssembly
        : null;

    /// <summary>The feature that registered <paramref name="contribution"/> (as an instance, or by its type).</summary>
    public string? FeatureOfContribution(object contribution) =>
        _featureOfInstance.TryGetValue(contribution, out var id) ? id : FeatureOf(contribution.GetType());

    /// <summary>The ids of <paramref name="featureIds"/> with all their dependencies and the always-enabled features.</summary>
    public IReadOnlySet<string> Closure(IEnumerable<string> featureIds)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string id)
        {
            var f = Find(id) ?? throw new InvalidOperationException($"未知的功能：{id}");
            if (!result.Add(f.FeatureId)) return;
            foreach (var d in f.Dependencies) Add(d);
        }
        foreach (var f in Features.Where(f => f.AlwaysEnabled)) Add(f.FeatureId);
        foreach (var id in featureIds) Add(id);
        return result;
    }

    internal void ConfigureServices(IServiceCollection services)
    {
        foreach (var startup in Features)
        {
            var before = services.Count;
            startup.ConfigureServices(services);
            for (var i = before; i < services.Count; i++)
            {
                var type = services[i].IsKeyedService ? services[i].KeyedImplementationType : services[i].ImplementationType;
                if (type is not null) _featureOfType.TryAdd(type, startup.FeatureId);
                // A declaration registered as an instance of a Core record (a workflow event name) belongs to the feature that added it.
                if (!services[i].IsKeyedService && services[i].ImplementationInstance is { } instance) _featureOfInstance.TryAdd(instance, startup.FeatureId);
            }
        }
    }

    /// <summary>Finds the startups in the assemblies that depend on Metrology.Core.</summary>
    internal static ModuleCatalog Discover(Assembly hostAssembly)
    {
        var core = typeof(ModuleStartup).Assembly.GetName().Name!;
        var context = DependencyContext.Load(hostAssembly) ?? DependencyContext.Default;
        var names = context?.RuntimeLibraries
            .Where(l => l.Name == core || l.Dependencies.Any(d => d.Name == core))
            .Select(l => l.Name) ?? [];

        var assemblies = new HashSet<Assembly> { typeof(ModuleStartup).Assembly, hostAssembly };
        foreach (var name in names)
        {
            try { assemblies.Add(Assembly.Load(new AssemblyName(name))); }
            catch (FileNotFoundException) { /* a library without an assembly (a package of assets) */ }
        }

        var startups = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(ModuleStartup)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ModuleStartup)Activator.CreateInstance(t)!)
            .ToList();
        return new ModuleCatalog(startups, assemblies.ToList());
    }

    private static List<ModuleStartup> Sort(IReadOnlyList<ModuleStartup> startups)
    {
        var byId = startups.ToDictionary(s => s.FeatureId, StringComparer.OrdinalIgnoreCase);
        var sorted = new List<ModuleStartup>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        void Visit(ModuleStartup s)
        {
            if (state.TryGetValue(s.FeatureId, out var done))
            {
                if (!done) throw new InvalidOperationException($"功能依赖形成循环：{s.FeatureId}");
                return;
            }
            state[s.FeatureId] = false;
            foreach (var d in s.Dependencies)
            {
                if (!byId.TryGetValue(d, out var dep))
                    throw new InvalidOperationException($"功能 {s.FeatureId} 依赖的 {d} 不存在");
                Visit(dep);
            }
            state[s.FeatureId] = true;
            sorted.Add(s);
        }
        foreach (var s in startups.OrderBy(s => s.Order).ThenBy(s => s.FeatureId, StringComparer.Ordinal)) Visit(s);
        return sorted;
    }
}
