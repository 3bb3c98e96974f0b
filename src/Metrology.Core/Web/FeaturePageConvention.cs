using Metrology.Core.Modules;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Metrology.Core.Web;

/// <summary>Marks every Razor page with the feature of the module it comes from.</summary>
internal sealed class FeaturePageConvention(ModuleCatalog catalog) : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var feature = catalog.FeatureOf(model.HandlerType.AsType()) ?? catalog.FeatureOf(model.PageType.AsType());
        if (feature is not null) model.EndpointMetadata.Add(new FeatureMetadata(feature));
    }
}
