using System.Text.Json;

namespace Metrology.Core.Recipes;

/// <summary>A recipe file's header; its steps are read when it runs.</summary>
public sealed record RecipeDescriptor(string Name, string DisplayName, string Description, bool IsSetupRecipe, string Path);

/// <summary>A step a feature knows how to run ("Feature", "Settings", "Roles", ...).</summary>
public interface IRecipeStepHandler
{
    string Name { get; }

    Task ExecuteAsync(RecipeStepContext context);
}

public sealed record RecipeStepContext(string Recipe, int Index, string Name, JsonElement Step, IServiceProvider Services);

/// <summary>Thrown by a step handler for a bad item; the message says which item and why, in Chinese.</summary>
public sealed class RecipeStepException(string message) : Exception(message);

/// <summary>A recipe failed: names the recipe, the step and the reason.</summary>
public sealed class RecipeException(string message, Exception? inner = null) : Exception(message, inner);
