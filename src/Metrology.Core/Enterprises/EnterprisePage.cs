using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Core.Enterprises;

/// <summary>
/// A page of an enterprise's own area, for every module that keeps an enterprise's data: it runs only for a
/// signed-in account of an active enterprise, and <see cref="Enterprise"/> is that enterprise, which every
/// query of the page is limited to (the id never comes from the request).
/// </summary>
public abstract class EnterprisePage : PageModel
{
    public EnterpriseInfo Enterprise { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var enterprise = await HttpContext.RequestServices.GetRequiredService<IEnterpriseDirectory>().CurrentAsync(User, HttpContext.RequestAborted);
        if (enterprise is null)
        {
            context.Result = User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
            return;
        }
        Enterprise = enterprise;
        await next();
    }
}
