using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Metrology.Core.Jobs;

/// <summary>
/// The management port's other answer besides <c>/metrics</c>: <c>POST /jobs/{tenant}/{job}</c> runs that tenant job now in
/// this node (not through Quartz), for an operator who wants the outbox delivered or the reminders sent without waiting,
/// and for the cluster tests, which run a job on two nodes at once. 200 when it ran, 404 for an unknown tenant or job (or
/// one whose feature is off), 404 for anything else. Tenant jobs are safe to run twice at once (claims, ADR 0005/0014).
/// Who may post: with <see cref="MetrologyOptions.ManagementToken"/> set, a caller that sends it as
/// <c>Authorization: Bearer …</c>; without it, only a caller on this machine (loopback) — 401 otherwise.
/// </summary>
internal static class ManagementJobs
{
    /// <summary>The management port's listen URL: <c>localhost</c> by default, <c>*</c> for every interface.</summary>
    public static string Url(string? address, int port)
    {
        var host = string.IsNullOrWhiteSpace(address) ? "localhost" : address.Trim();
        if (host.Contains(':') && !host.StartsWith('[')) host = $"[{host}]"; // an IPv6 address
        return $"http://{host}:{port}";
    }

    /// <summary>The token, compared in constant time, when one is configured; else whether the caller is on this machine.</summary>
    public static bool MayRun(HttpContext context, string? token)
    {
        if (string.IsNullOrEmpty(token)) return context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
        var header = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[bearer.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    public static async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        if (!HttpMethods.IsPost(context.Request.Method) || segments is not ["jobs", { Length: > 0 } tenant, { Length: > 0 } job])
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var token = context.RequestServices.GetRequiredService<IOptions<MetrologyOptions>>().Value.ManagementToken;
        if (!MayRun(context, token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("POST /jobs needs Authorization: Bearer <Metrology:ManagementToken> (or a caller on this machine when none is set)\n");
            return;
        }
        // The run is not tied to the request: a caller that hangs up does not stop it half-way.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var ran = await context.RequestServices.GetRequiredService<TenantJobs>().RunAsync(tenant, job, stopping);
        context.Response.StatusCode = ran ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        await context.Response.WriteAsync(ran ? $"{job} ran for {tenant}\n" : $"no job {job} running for {tenant}\n");
    }
}
