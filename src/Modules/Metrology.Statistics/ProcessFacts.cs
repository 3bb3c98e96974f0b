using Metrology.Core.Data;
using Metrology.Core.Statistics;
using Metrology.Core.Tenants;
using Metrology.Statistics.Models;

namespace Metrology.Statistics;

/// <summary>Adds the fact to the caller's context, so it is saved with the change that caused it (and not without it).</summary>
internal sealed class ProcessFacts(TenantDbContext db, TenantContext tenant) : IProcessFacts
{
    public void Record(ProcessFact f)
    {
        // The table exists only where the feature is enabled; elsewhere the step is simply not counted.
        if (!tenant.IsEnabled(Startup.FeatureName)) return;
        db.Add(new ProcessFactRow
        {
            Step = f.Step, InstitutionId = f.InstitutionId, EnterpriseId = f.EnterpriseId, InstrumentId = f.InstrumentId, Day = f.Day,
            Month = f.Day.Year * 100 + f.Day.Month, RegionCode = f.RegionCode, CatalogCode = f.CatalogCode, Usage = f.Usage, Kind = f.Kind,
            Passed = f.Passed, TurnaroundDays = f.TurnaroundDays, Late = f.Late,
        });
    }
}
