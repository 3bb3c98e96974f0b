using Metrology.Core.Security;

namespace Metrology.Instruments.Pages.My.Instruments;

/// <summary>停用库: the deactivated instruments, which can be re-activated.</summary>
[Permission("ManageOwnInstruments")]
public sealed class DeactivatedModel(InstrumentLibrary library, Metrology.Core.Tenants.FeatureFilter features, TimeProvider clock) : IndexModel(library, [], features, [], clock)
{
    public override bool ActiveList => false;
}
