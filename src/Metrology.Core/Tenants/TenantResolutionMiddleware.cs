using Metrology.Core.Setup;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Metrology.Core.Tenants;

/// <summary>
/// First in the pipeline: finds the request's tenant (host name, then URL prefix, else Default), moves
/// the prefix into PathBase, binds the request scope to the tenant, and answers for tenants that
/// cannot serve: a "site disabled" page, a "not set up" page, or Default's setup page. Every log line written for the
/// request carries the tenant's name (a logging scope).
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next, HostStartup startup, TenantRegistry registry, TenantScopes scopes, TenantActivator activator,
    ILogger<TenantResolutionMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context, TenantContext current)
    {
        if (current.HasTenant)
        {
            // A re-executed request (the error page) already belongs to its tenant.
            await next(context);
            return;
        }
        await startup.Ready;
        var request = context.Request;
        var tenant = registry.Resolve(request.Host, request.Path, out var prefix);
        if (prefix is not null)
        {
            request.Path.StartsWithSegments("/" + prefix, out var matched, out var remaining);
            if (!remaining.HasValue && request.Method is "GET" or "HEAD")
            {
                context.Response.Redirect(request.PathBase + matched + "/" + request.QueryString);
                return;
            }
            // The prefix as registered, not as typed: the tenant's cookie path depends on it.
            request.PathBase = request.PathBase.Add("/" + prefix);
            request.Path = remaining.HasValue ? remaining : "/";
        }
        scopes.Enter(context.RequestServices, tenant);
        using var _ = log.BeginScope("Tenant {Tenant}", tenant.Name);

        switch (tenant.State)
        {
            case TenantState.Disabled:
                await StatusPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "站点已停用", "该站点已被管理员停用，暂时无法访问。如有疑问，请联系平台管理员。");
                return;
            case TenantState.Uninitialized when !tenant.IsDefault:
                await StatusPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "站点尚未初始化", "该站点正在建设中，尚未完成初始化，请稍后再访问。");
                return;
            case TenantState.Uninitialized when !IsSetupPath(request.Path):
                context.Response.Redirect(request.PathBase + "/setup");
                return;
            case TenantState.Running:
                await activator.EnsureActivatedAsync(tenant);
                break;
        }
        await next(context);
    }

    private static bool IsSetupPath(PathString path) =>
        path.StartsWithSegments("/setup") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/error");
}
