using System.Text.Json;
using Metrology.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Metrology.Core.Recipes;

/// <summary>
/// Runs a recipe's steps in order in a tenant scope. <c>{{Name}}</c> in the file is replaced by the
/// parameter of that name (setup gives SiteName, AdminUserName, AdminEmail). A failure names the step.
/// </summary>
public sealed class RecipeExecutor(IServiceProvider services, ILogger<RecipeExecutor> log)
{
    public async Task ExecuteAsync(RecipeDescriptor recipe, IReadOnlyDictionary<string, string> parameters, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Substitute(await File.ReadAllTextAsync(recipe.Path, ct), parameters),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RecipeException($"配方 {recipe.Name} 不是有效的 JSON：{e.Message}", e);
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
                throw new RecipeException($"配方 {recipe.Name} 没有 steps 数组。");
            var index = 0;
            var total = steps.GetArrayLength();
            foreach (var step in steps.EnumerateArray())
            {
                index++;
                var name = step.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                progress?.Report($"配方第 {index}/{total} 步：{name}");
                await RunStepAsync(recipe, index, name, step, ct);
            }
        }
    }

    private async Task RunStepAsync(RecipeDescriptor recipe, int index, string name, JsonElement step, CancellationToken ct)
    {
        // Handlers are looked up per step: a Feature step earlier in the recipe may enable more of them.
        var filter = services.GetRequiredService<FeatureFilter>();
        var handler = filter.Enabled(services.GetServices<IRecipeStepHandler>())
            .FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        var where = $"配方 {recipe.Name} 第 {index} 步（{name}）";
        if (handler is null) throw new RecipeException($"{where}失败：没有处理此步骤的已启用功能。");
        try
        {
            ct.ThrowIfCancellationRequested();
            await handler.ExecuteAsync(new RecipeStepContext(recipe.Name, index, name, step, services));
            log.LogInformation("Recipe {Recipe} step {Index} ({Name}) done", recipe.Name, index, name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RecipeException($"{where}失败：{e.Message}", e);
        }
    }

    private static string Substitute(string json, IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (key, value) in parameters)
        {
            // Inside a JSON string: escape the value as JSON would, without the surrounding quotes.
            var escaped = JsonSerializer.Serialize(value)[1..^1];
            json = json.Replace("{{" + key + "}}", escaped, StringComparison.Ordinal);
        }
        return json;
    }
}
