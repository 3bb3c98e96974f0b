using System.Text.Json;
using Metrology.Core.Content;
using Metrology.Core.Recipes;

namespace Metrology.Contents.Recipes;

/// <summary>
/// <c>{ "name": "Content", "Items": [ { "ContentType", "Title", "Path", "Markdown", "Fields": { "Name": "text" },
/// "Menu": [ { "Text", "Url" } ], "Children": [ items… ], "Published": true } ] }</c>.
/// Field values go through the same rules as the editor; a content picker names items by their path
/// ("/guide", created earlier in the recipe); children go into the item's list, in order.
/// </summary>
internal sealed class ContentStep(ContentManager contents, ContentDefinitionStore definitions) : IRecipeStepHandler
{
    public string Name => "Content";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (!context.Step.TryGetProperty("Items", out var items)) throw new RecipeStepException("缺少 Items 数组。");
        await CreateAsync(items, null, "");
    }

    private async Task<string> PickedIdsAsync(string raw)
    {
        var ids = new List<string>();
        foreach (var value in raw.Split(FieldTypes.Separator, StringSplitOptions.RemoveEmptyEntries))
            ids.Add(value.StartsWith('/') ? (await contents.GetByPathAsync(value.TrimStart('/')))?.ContentItemId ?? throw new RecipeStepException($"没有网址为「{value}」的已发布内容。") : value);
        return string.Join(FieldTypes.Separator, ids);
    }

    private async Task CreateAsync(JsonElement items, string? containerId, string prefix)
    {
        var index = 0;
        foreach (var element in items.EnumerateArray())
        {
            index++;
            var at = $"{prefix}第 {index} 项";
            string? Text(string name) => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var typeName = Text("ContentType") ?? "";
            var type = await definitions.FindAsync(typeName) ?? throw new RecipeStepException($"{at}：内容类型「{typeName}」不存在。");
            var item = await contents.NewAsync(type.Name, "站点初始化");
            item.SetText(ContentParts.Title, "Title", Text("Title"));
            if (type.Has(ContentParts.Autoroute)) item.SetText(ContentParts.Autoroute, "Path", Text("Path"));
            if (type.Has(ContentParts.MarkdownBody)) item.SetText(ContentParts.MarkdownBody, "Markdown", Text("Markdown"));
            if (type.Has(ContentParts.Menu) && element.TryGetProperty("Menu", out var menu))
                MenuLinks.Set(item, menu.EnumerateArray().Select(l => new MenuLink(
                    l.TryGetProperty("Text", out var t) ? t.GetString() ?? "" : "", l.TryGetProperty("Url", out var u) ? u.GetString() ?? "" : "")));
            if (containerId is not null) item.SetText(ContentParts.Contained, "ListContentItemId", containerId);
            var fields = element.TryGetProperty("Fields", out var f) ? f : default;
            foreach (var field in type.Fields)
            {
                var raw = fields.ValueKind == JsonValueKind.Object && fields.TryGetProperty(field.Name, out var v)
                    ? v.ValueKind switch
                    {
                        JsonValueKind.String => v.GetString(),
                        JsonValueKind.Array => string.Join(FieldTypes.Separator, v.EnumerateArray().Select(x => x.ToString())),
                        _ => v.GetRawText(),
                    }
                    : null;
                if (field.Type == FieldTypes.ContentPicker && raw is not null) raw = await PickedIdsAsync(raw);
                var (value, error) = FieldTypes.Parse(field, raw);
                if (error is not null) throw new RecipeStepException($"{at}（{Text("Title")}）：{error}");
                item.SetField(field.Name, value);
            }
            var published = !element.TryGetProperty("Published", out var p) || p.ValueKind != JsonValueKind.False;
            var result = await contents.SaveAsync(item, published, "站点初始化");
            if (!result.Succeeded) throw new RecipeStepException($"{at}（{Text("Title")}）：" + string.Join("；", result.Errors.Select(e => e.Message)));
            if (element.TryGetProperty("Children", out var children))
                await CreateAsync(children, item.ContentItemId, $"{at}（{Text("Title")}）的子项");
        }
    }
}
