using System.Text.Json;
using System.Text.Json.Serialization;
using Metrology.Appointments.Models;
using Metrology.Core.Recipes;
using Metrology.Core.Settings;

namespace Metrology.Appointments.Recipes;

/// <summary><c>{ "name": "AppointmentSettings", "Kinds": ["SelfDelivery", "OnSite"], "WindowEnabled": false, "DaysAfterFiling": 10, "MonthsBeforeDue": 1 }</c>.</summary>
internal sealed class AppointmentSettingsStep(DocumentStore documents) : IRecipeStepHandler
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string Name => "AppointmentSettings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        AppointmentSettings settings;
        try { settings = context.Step.Deserialize<AppointmentSettings>(Json) ?? new AppointmentSettings(); }
        catch (JsonException e) { throw new RecipeStepException($"约检设置有误：{e.Message}"); }
        if (settings.Kinds.Count == 0) throw new RecipeStepException("Kinds 至少要有一种约检方式。");
        if (settings.DaysAfterFiling is < 0 or > 365) throw new RecipeStepException("DaysAfterFiling 应在 0 到 365 之间。");
        if (settings.MonthsBeforeDue is < 0 or > 24) throw new RecipeStepException("MonthsBeforeDue 应在 0 到 24 之间。");
        await documents.SaveAsync(settings);
    }
}
