using Metrology.Core.Modules;

namespace Metrology.Setup;

/// <summary>The setup page that Default shows until it is set up.</summary>
internal sealed class Startup : ModuleStartup
{
    public override string DisplayName => "站点初始化";
    public override bool AlwaysEnabled => true;
}
