using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tenants;

/// <summary>
/// A page of the host's tenant administration: it exists in the Default tenant only, whatever
/// features another tenant enables.
/// </summary>
public abstract class HostPageModel : PageModel
{
    protected string UserName => User.Identity?.Name ?? "";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<TenantContext>().Tenant.IsDefault)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
