using System.Text.Json;
using Metrology.Core.Recipes;
using Metrology.Core.Reference;
using Metrology.Core.Settings;

namespace Metrology.Verification.Recipes;

/// <summary>
/// <c>{ "name": "VerificationSettings", "Points": [{ "Institution": "…", "Name": "业务大厅", "Address": "…", "Department": "业务大厅收发" }],
/// "TurnaroundDays": { "Electrical": 10, "": 10 }, "DefaultTurnaroundDays": 10, "Holidays": ["2027-01-01"], "WarnWorkingDaysBefore": 2 }</c>.
/// </summary>
internal sealed class VerificationSettingsStep(DocumentStore documents, IReferenceData reference) : IRecipeStepHandler
{
    public string Name => "VerificationSettings";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var step = context.Step;
        var institutions = await reference.InstitutionsAsync();
        var points = new List<ReceptionPoint>();
        foreach (var p in RecipeJson.Array(step, "Points"))
        {
            var name = RecipeJson.Text(p, "Institution");
            var institution = institutions.FirstOrDefault(i => i.Name == name) ?? throw new RecipeStepException($"检定机构「{name}」不存在。");
            var point = RecipeJson.Text(p, "Name") is { Length: > 0 and <= 50 } n ? n : throw new RecipeStepException("接收点 Name 应为 1 到 50 个字。");
            points.Add(new ReceptionPoint { InstitutionId = institution.Id, Name = point, Address = RecipeJson.Text(p, "Address"), Department = RecipeJson.Text(p, "Department") });
        }
        var turnaround = new Dictionary<string, int>();
        if (step.TryGetProperty("TurnaroundDays", out var days))
            foreach (var d in days.EnumerateObject())
                turnaround[d.Name] = d.Value.GetInt32() is var v and >= 1 and <= 120 ? v : throw new RecipeStepException("TurnaroundDays 的工作日应在 1 到 120 之间。");
        var holidays = RecipeJson.List(step, "Holidays").Select(h => DateOnly.TryParse(h, out var day) ? day : throw new RecipeStepException($"Holidays 中的日期「{h}」无效。")).ToList();
        var settings = new VerificationSettings
        {
            Points = points,
            TurnaroundDays = turnaround,
            DefaultTurnaroundDays = step.TryGetProperty("DefaultTurnaroundDays", out var def) ? def.GetInt32() : 10,
            Holidays = holidays,
            WarnWorkingDaysBefore = step.TryGetProperty("WarnWorkingDaysBefore", out var warn) ? warn.GetInt32() : 2,
        };
        if (settings.DefaultTurnaroundDays is < 1 or > 120) throw new RecipeStepException("DefaultTurnaroundDays 应在 1 到 120 之间。");
        if (settings.WarnWorkingDaysBefore is < 0 or > 20) throw new RecipeStepException("WarnWorkingDaysBefore 应在 0 到 20 之间。");
        await documents.SaveAsync(settings);
    }
}
