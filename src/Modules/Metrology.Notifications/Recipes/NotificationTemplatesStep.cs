using System.Text.Json;
using Metrology.Core.Recipes;
using Metrology.Core.Settings;
using Metrology.Notifications.Templates;

namespace Metrology.Notifications.Recipes;

/// <summary>
/// <c>{ "name": "NotificationTemplates", "Templates": [{ "Kind": "FilingResult", "SmsText": "…", "EmailSubject": "…", "EmailBody": "…" }] }</c>:
/// sets the templates of the listed kinds (others are kept). Every text must compile.
/// </summary>
internal sealed class NotificationTemplatesStep(DocumentStore documents, TemplateEngine engine) : IRecipeStepHandler
{
    public string Name => "NotificationTemplates";

    public async Task ExecuteAsync(RecipeStepContext context)
    {
        if (!context.Step.TryGetProperty("Templates", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new RecipeStepException("缺少 Templates 数组。");
        var current = await documents.GetAsync<NotificationTemplates>();
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            index++;
            var template = new NotificationTemplate
            {
                Kind = Text(element, "Kind") ?? "",
                SmsText = Text(element, "SmsText"),
                VendorTemplateCode = Text(element, "VendorTemplateCode"),
                VendorTemplateParams = Text(element, "VendorTemplateParams"),
                EmailSubject = Text(element, "EmailSubject"),
                EmailBody = Text(element, "EmailBody"),
            };
            if (NotificationKindCatalog.Find(template.Kind) is null)
                throw new RecipeStepException($"第 {index} 个模板：通知类型“{template.Kind}”不存在，可用的有 {string.Join("、", NotificationKindCatalog.All.Select(k => k.Key))}。");
            if (TemplateCheck.Errors(engine, template).FirstOrDefault() is { } error)
                throw new RecipeStepException($"第 {index} 个模板（{template.Kind}）：{error}");
            current.Templates.RemoveAll(t => t.Kind == template.Kind);
            current.Templates.Add(template);
        }
        await documents.SaveAsync(current);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
