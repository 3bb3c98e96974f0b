using System.Text.Json;
using Metrology.Core.Recipes;
using Metrology.Core.Settings;
using Metrology.Enterprises.Models;

namespace Metrology.Enterprises.Recipes;

/// <summary><c>{ "name": "RegistrationSettings", "MaxKilobytes": 1023, "Extensions": [".jpg"], "RequireApplicationForm": true, "PasswordAtRegistration": false }</c>.</summary>
internal sealed class RegistrationSettingsStep(DocumentStore documents) : IRecipeStepHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "RegistrationSettings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var settings = context.Step.Deserialize<RegistrationSettings>(Json) ?? new RegistrationSettings();
        if (settings.MaxKilobytes is < 10 or > 50 * 1024) throw new RecipeStepException("MaxKilobytes 应在 10 到 51200 之间。");
        await documents.SaveAsync(settings);
    }
}
