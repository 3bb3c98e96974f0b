using Metrology.Core.Modules;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Http;

namespace Metrology.Core.Web;

/// <summary>An endpoint of a feature the tenant has not enabled does not exist for it: 404.</summary>
internal sealed class FeatureGateMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var feature = context.GetEndpoint()?.Metadata.GetMetadata<FeatureMetadata>();
        if (feature is not null && !tenant.IsEnabled(feature.FeatureId))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
