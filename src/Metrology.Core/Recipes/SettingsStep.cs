using System.Text.Json;
using Metrology.Core.Settings;

namespace Metrology.Core.Recipes;

/// <summary><c>{ "name": "Settings", "SiteName": "…", "Address": "…", "Phone": "…" }</c>: the site settings.</summary>
internal sealed class SettingsStep(SiteSettingsService settings) : IRecipeStepHandler
{
    public string Name => "Settings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var current = await settings.GetAsync();
        string? Text(string name) =>
            context.Step.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var timeZone = Text("TimeZoneId") ?? current.TimeZoneId;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            throw new RecipeStepException($"时区 “{timeZone}” 不存在。");
        await settings.SaveAsync(current with
        {
            SiteName = Text("SiteName") ?? current.SiteName,
            TimeZoneId = timeZone,
            Address = Text("Address") ?? current.Address,
            Phone = Text("Phone") ?? current.Phone,
            Email = Text("Email") ?? current.Email,
        });
    }
}
