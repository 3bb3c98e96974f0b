using System.Text.Json;
using Metrology.Core.Recipes;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;

namespace Metrology.Workflows.Recipes;

/// <summary>
/// <c>{ "name": "WorkflowType", "WorkflowTypes": [ { "Id", "Name", "Enabled", "IsSingleton", "Activities": [..], "Transitions": [..] } ] }</c>
/// (the export format). Creates or updates each type by id, else by name; a changed graph becomes a new
/// version, so running instances go on as they were.
/// </summary>
internal sealed class WorkflowTypeStep(WorkflowTypeService types) : IRecipeStepHandler
{
    public string Name => "WorkflowType";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        var list = context.Step.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "WorkflowTypes", StringComparison.OrdinalIgnoreCase)).Value;
        if (list.ValueKind != JsonValueKind.Array) throw new RecipeStepException("缺少 WorkflowTypes 数组。");
        foreach (var element in list.EnumerateArray())
        {
            var export = element.Deserialize<WorkflowTypeExport>(WorkflowJson.Options) ?? throw new RecipeStepException("流程定义为空。");
            try
            {
                await types.ImportAsync(export);
            }
            catch (WorkflowValidationException e)
            {
                throw new RecipeStepException($"流程「{export.Name}」：" + string.Join(" ", e.Errors));
            }
        }
    }
}
