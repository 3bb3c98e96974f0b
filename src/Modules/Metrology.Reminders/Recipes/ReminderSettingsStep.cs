using System.Globalization;
using System.Text.Json;
using Metrology.Core.Recipes;
using Metrology.Core.Settings;

namespace Metrology.Reminders.Recipes;

/// <summary>
/// <c>{ "name": "ReminderSettings", "LeadDays": [30, 7], "Overdue": true, "Sms": true, "Email": false, "QuietFrom": "21:00",
/// "QuietUntil": "08:00", "ListFirst": 3 }</c>: the tenant's reminder settings; a value left out keeps its default.
/// </summary>
internal sealed class ReminderSettingsStep(DocumentStore documents) : IRecipeStepHandler
{
    public string Name => "ReminderSettings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var s = context.Step;
        var settings = new ReminderSettings();
        if (s.TryGetProperty("LeadDays", out var days))
        {
            if (days.ValueKind != JsonValueKind.Array || days.EnumerateArray().Any(d => !d.TryGetInt32(out _))) throw new RecipeStepException("LeadDays 应为整数数组，如 [30, 7]。");
            settings = settings with { LeadDays = days.EnumerateArray().Select(d => d.GetInt32()).ToList() };
        }
        settings = settings with
        {
            Enabled = Bool(s, "Enabled") ?? settings.Enabled,
            Overdue = Bool(s, "Overdue") ?? settings.Overdue,
            Sms = Bool(s, "Sms") ?? settings.Sms,
            Email = Bool(s, "Email") ?? settings.Email,
            QuietFrom = Time(s, "QuietFrom") ?? settings.QuietFrom,
            QuietUntil = Time(s, "QuietUntil") ?? settings.QuietUntil,
            ListFirst = s.TryGetProperty("ListFirst", out var n) && n.TryGetInt32(out var first) ? first : settings.ListFirst,
        };
        if (settings.Problems().FirstOrDefault() is { Message: { } problem }) throw new RecipeStepException(problem);
        await documents.SaveAsync(settings);
    }

    private static bool? Bool(JsonElement step, string name) =>
        step.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static TimeOnly? Time(JsonElement step, string name)
    {
        if (!step.TryGetProperty(name, out var v)) return null;
        return TimeOnly.TryParseExact(v.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t : throw new RecipeStepException($"{name} 应为“时:分”，如 21:00。");
    }
}
