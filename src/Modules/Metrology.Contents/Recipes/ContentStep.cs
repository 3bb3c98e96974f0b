using System.Text.Json;
using Metrology.Core.Content;
using Metrology.Core.Recipes;

namespace Metrology.Contents.Recipes;

/// <summary>
/// <c>{ "name": "Content", "Items": [ { "ContentType", "Title", "Path", "Markdown", "Fields": { "Name": "text" }, "Published": true } ] }</c>.
/// Field values go through the same rules as the editor.
/// </summary>
internal sealed class ContentStep(ContentManager contents, ContentDefinitionStore definitions) : IRecipeStepHandler
{
    public string Name => "Content";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (!context.Step.TryGetProperty("Items", out var items)) throw new RecipeStepException("缺少 Items 数组。");
        var index = 0;
        foreach (var element in items.EnumerateArray())
        {
            index++;
            string? Text(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var typeName = Text("ContentType") ?? "";
            var type = await definitions.FindAsync(typeName) ?? throw new RecipeStepException($"第 {index} 项：内容类型「{typeName}」不存在。");
            var item = await contents.NewAsync(type.Name, "recipe");
            item.SetText(ContentParts.Title, "Title", Text("Title"));
            if (type.Has(ContentParts.Autoroute)) item.SetText(ContentParts.Autoroute, "Path", Text("Path"));
            if (type.Has(ContentParts.MarkdownBody)) item.SetText(ContentParts.MarkdownBody, "Markdown", Text("Markdown"));
            var fields = element.TryGetProperty("Fields", out var f) ? f : default;
            foreach (var field in type.Fields)
            {
                var raw = fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(field.Name, out var v)
                    ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
                    : null;
                var (value, error) = FieldTypes.Parse(field, raw);
                if (error is not null) throw new RecipeStepException($"第 {index} 项（{Text("Title")}）：{error}");
                item.SetField(field.Name, value);
            }
            var published = !element.TryGetProperty("Published", out var p) || p.ValueKind != JsonValueKind.False;
            var result = await contents.SaveAsync(item, published, "recipe");
            if (!result.Succeeded) throw new RecipeStepException($"第 {index} 项（{Text("Title")}）：" + string.Join("；", result.Errors.Select(e => e.Message)));
        }
    }
}
