using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Modules;

/// <summary>
/// The one entry point of a feature. A module assembly has one startup per feature; the host finds
/// them in the assemblies it references. Contributions (permissions, migrations, menus, recipe steps,
/// jobs) are registered in <see cref="ConfigureServices"/> and belong to this feature.
/// </summary>
public abstract class ModuleStartup
{
    private string? _assemblyName;

    /// <summary>The feature id; by default the assembly name (read once: <c>GetName()</c> is reflection, and this is read per request).</summary>
    public virtual string FeatureId => _assemblyName ??= GetType().Assembly.GetName().Name!;

    /// <summary>Name shown to administrators.</summary>
    public virtual string DisplayName => FeatureId;

    /// <summary>Features that must be enabled for this one to be enabled.</summary>
    public virtual IReadOnlyList<string> Dependencies => [];

    /// <summary>Framework features that every tenant has.</summary>
    public virtual bool AlwaysEnabled => false;

    /// <summary>Order among features without a dependency between them.</summary>
    public virtual int Order => 0;

    public virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>Minimal endpoints; they only answer in tenants where the feature is enabled.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
