using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Metrology.Core.Security;

/// <summary>A user with a password someone else gave them (an initial password) must set their own before anything else.</summary>
internal sealed class MustChangePasswordFilter : IAsyncPageFilter
{
    private static readonly string[] Allowed = ["/Account/Password", "/Logout", "/Error"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (user.HasClaim(TenantClaims.MustChangePassword, "true") && !Allowed.Contains(page, StringComparer.OrdinalIgnoreCase))
        {
            var request = context.HttpContext.Request;
            context.Result = new RedirectResult(request.PathBase + "/account/password?ReturnUrl=" + Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString));
            return;
        }
        await next();
    }
}
