using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core;

/// <summary>The framework's own feature: its tables and the recipe steps every tenant understands.</summary>
internal sealed class CoreStartup : ModuleStartup
{
    public override string DisplayName => "框架";
    public override bool AlwaysEnabled => true;
    public override int Order => -100;

    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<DataMigration, CoreMigrations>();
        services.AddScoped<IRecipeStepHandler, FeatureStep>();
        services.AddScoped<IRecipeStepHandler, SettingsStep>();
        services.AddScoped<IRecipeStepHandler, RolesStep>();
    }
}
