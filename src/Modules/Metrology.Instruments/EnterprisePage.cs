using Metrology.Enterprises;
using Metrology.Enterprises.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Instruments;

/// <summary>
/// A page of an enterprise's own area: it runs only for a signed-in account of an active enterprise,
/// and <see cref="Enterprise"/> is that enterprise, which every query of the page is limited to.
/// </summary>
public abstract class EnterprisePage : PageModel
{
    public Enterprise Enterprise { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var enterprise = await HttpContext.RequestServices.GetRequiredService<CurrentEnterprise>().OfAsync(User, HttpContext.RequestAborted);
        if (enterprise is null)
        {
            context.Result = User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
            return;
        }
        Enterprise = enterprise;
        await next();
    }
}
