using System.Text.Json;
using Metrology.Excel;
using Metrology.Core.Recipes;
using Metrology.ReferenceData.Import;

namespace Metrology.ReferenceData.Recipes;

/// <summary>
/// <c>{ "name": "Catalog", "Items": [{ "Code", "Name", "Group", "Item", "Marking": "P+V", "Mode": 1, "PeriodMonths": 12,
/// "Usages": "4", "Regulation", "MeasuringRange", "Mpe", "IsSample": true, "Discipline": "Electrical" }] }</c>. Each item is checked by the
/// same rules as a row of the Excel import.
/// </summary>
internal sealed class CatalogStep(CatalogService catalog) : IRecipeStepHandler
{
    private static readonly string[] Fields = ["Code", "Name", "Group", "Item", "Marking", "Mode", "PeriodMonths", "Usages", "Regulation", "MeasuringRange", "Mpe", "IsSample"];

    public string Name => "Catalog";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var items = new List<Models.CatalogItem>();
        var index = 0;
        foreach (var element in RecipeJson.Array(context.Step, "Items"))
        {
            index++;
            var cells = Fields.Select(f => RecipeJson.Text(element, f)).ToList();
            if (element.TryGetProperty("IsSample", out var s)) cells[11] = s.ValueKind == JsonValueKind.True ? "是" : "否";
            var errors = new List<ImportError>();
            var item = CatalogSheet.Parse(new XlsxRow(index, cells), errors);
            if (item is null) throw new RecipeStepException($"第 {index} 个目录项：" + string.Join("；", errors.Select(e => $"「{e.Column}」{e.Message}")));
            if (RecipeJson.Text(element, "Discipline") is { } discipline)
                item.Discipline = Enum.TryParse<Models.Discipline>(discipline, out var d) ? d : throw new RecipeStepException($"第 {index} 个目录项：专业「{discipline}」不存在。");
            items.Add(item);
        }
        var duplicate = items.GroupBy(i => i.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new RecipeStepException($"种别代码「{duplicate.Key}」重复。");
        await catalog.UpsertAsync(items);
    }
}
