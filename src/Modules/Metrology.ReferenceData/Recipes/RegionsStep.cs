using Metrology.Excel;
using Metrology.Core.Recipes;
using Metrology.ReferenceData.Import;

namespace Metrology.ReferenceData.Recipes;

/// <summary><c>{ "name": "Regions", "Regions": [{ "Code": "441202", "Name": "端州区", "Parent": "441200" }] }</c>.</summary>
internal sealed class RegionsStep(RegionService regions) : IRecipeStepHandler
{
    public string Name => "Regions";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var list = new List<Models.Region>();
        var index = 0;
        foreach (var element in RecipeJson.Array(context.Step, "Regions"))
        {
            index++;
            var errors = new List<ImportError>();
            var region = RegionSheet.Parse(new XlsxRow(index, [RecipeJson.Text(element, "Code"), RecipeJson.Text(element, "Name"), RecipeJson.Text(element, "Parent")]), errors);
            if (region is null) throw new RecipeStepException($"第 {index} 个区域：" + string.Join("；", errors.Select(e => $"「{e.Column}」{e.Message}")));
            list.Add(region);
        }
        await regions.UpsertAsync(list);
    }
}
