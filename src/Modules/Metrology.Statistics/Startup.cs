using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Jobs;
using Metrology.Core.Modules;
using Metrology.Core.Security;
using Metrology.Core.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Statistics;

/// <summary>业务统计: the process modules record each step as a fact; the institution's leaders read them by period, region, catalog item, usage and month.</summary>
internal sealed class Startup : ModuleStartup
{
    public const string FeatureName = "Metrology.Statistics";

    public override string DisplayName => "业务统计";

    public override IReadOnlyList<string> Dependencies => ["Metrology.ReferenceData", "Metrology.Instruments", "Metrology.Appointments"];

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IModelConfiguration, StatisticsModel>();
        services.AddSingleton<DataMigration, Migrations>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddScoped<IProcessFacts, ProcessFacts>();
        services.AddScoped<StatisticsReport>();
        services.AddScoped<FactTotalsCompaction>();
        services.AddSingleton<ITenantJob, FactTotalsJob>();
    }
}
