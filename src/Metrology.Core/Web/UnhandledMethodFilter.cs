using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Metrology.Core.Web;

/// <summary>
/// A request whose method no handler of the page takes (PUT, PATCH, DELETE, or POST to a page without one) gets
/// 405 with the methods it does take. Razor Pages would otherwise render the page without running a handler, and
/// a model that a handler fills answers 500. Pages without handlers (the error page) render as before. The method
/// is checked before the anti-forgery check, so the answer does not depend on a token; a handler name that no
/// handler of the method has is checked once the handler is selected.
/// </summary>
internal sealed class UnhandledMethodFilter(IReadOnlyCollection<string> methods) : IAsyncAuthorizationFilter, IOrderedFilter, IAsyncPageFilter
{
    /// <summary>Before the anti-forgery filter (1000).</summary>
    public int Order => 900;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (Refused(context.HttpContext, methods.Contains(context.HttpContext.Request.Method.ToUpperInvariant())))
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Refused(context.HttpContext, context.HandlerMethod is not null))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return;
        }
        await next();
    }

    private bool Refused(HttpContext http, bool handled)
    {
        var method = http.Request.Method;
        if (handled || HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) return false;
        http.Response.Headers.Allow = string.Join(", ", methods.Append("GET").Append("HEAD").Distinct());
        return true;
    }
}

/// <summary>Gives each page that has handlers an <see cref="UnhandledMethodFilter"/> that knows their methods.</summary>
internal sealed class UnhandledMethodConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var methods = model.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToArray();
        if (methods.Length > 0) model.Filters.Add(new UnhandledMethodFilter(methods));
    }
}
