using System.Text.Json;
using Metrology.Core.Content;
using Metrology.Core.Recipes;

namespace Metrology.Contents.Recipes;

/// <summary><c>{ "name": "ContentDefinition", "Types": [ { "Name", "DisplayName", "Parts": [..], "Fields": [..] } ] }</c>.</summary>
internal sealed class ContentDefinitionStep(ContentDefinitionStore definitions) : IRecipeStepHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "ContentDefinition";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (!context.Step.TryGetProperty("Types", out var types)) throw new RecipeStepException("缺少 Types 数组。");
        foreach (var element in types.EnumerateArray())
        {
            var type = element.Deserialize<ContentTypeDefinition>(Json) ?? throw new RecipeStepException("内容类型定义为空。");
            var errors = await definitions.SaveAsync(type);
            if (errors.Count > 0) throw new RecipeStepException($"内容类型「{type.Name}」：" + string.Join("；", errors.Select(e => e.Message)));
        }
    }
}
