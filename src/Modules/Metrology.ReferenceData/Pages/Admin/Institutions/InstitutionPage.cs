using Metrology.Core.Data;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.ReferenceData.Pages.Admin.Institutions;

/// <summary>
/// A page about one institution ({id} in the route): it answers 404 when there is no such institution
/// and 403 to staff of another institution, before any handler runs. Handlers take the id with
/// [FromRoute] only, so a form field named "id" cannot point them at another institution.
/// </summary>
public abstract class InstitutionPage : PageModel
{
    public Institution Institution { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var id = int.TryParse(context.RouteData.Values["id"]?.ToString(), out var n) ? n : 0;
        var institution = await services.GetRequiredService<TenantDbContext>().Set<Institution>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
        if (institution is null)
        {
            context.Result = NotFound();
            return;
        }
        if (!await services.GetRequiredService<StaffScope>().MayManageAsync(User, id))
        {
            context.Result = Forbid();
            return;
        }
        Institution = institution;
        await next();
    }
}
