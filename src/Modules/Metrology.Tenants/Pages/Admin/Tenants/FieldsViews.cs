using Metrology.Core.Modules;
using Metrology.Core.Recipes;

namespace Metrology.Tenants.Pages.Admin.Tenants;

public sealed record TenantFieldsView(TenantInput Input, IReadOnlyList<ModuleStartup> Features, bool IsNew, bool DatabaseEditable);

public sealed record SetupFieldsView(SetupInput Setup, IReadOnlyList<RecipeDescriptor> Recipes);
