using System.Text.Json;

namespace Metrology.Core.Recipes;

/// <summary>The *.recipe.json files in the recipes folder.</summary>
public sealed class RecipeHarvester(AppPaths paths)
{
    public IReadOnlyList<RecipeDescriptor> All()
    {
        if (!Directory.Exists(paths.Recipes)) return [];
        return Directory.EnumerateFiles(paths.Recipes, "*.recipe.json")
            .Select(Read)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    public RecipeDescriptor? Find(string name) =>
        All().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private static RecipeDescriptor Read(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        string Text(string p) => root.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var name = Text("name") is { Length: > 0 } n ? n : System.IO.Path.GetFileName(file).Replace(".recipe.json", "");
        var setup = root.TryGetProperty("setup", out var s) && s.ValueKind == JsonValueKind.True;
        return new RecipeDescriptor(name, Text("displayName") is { Length: > 0 } d ? d : name, Text("description"), setup, file);
    }
}
