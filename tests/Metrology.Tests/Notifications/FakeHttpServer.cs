using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Metrology.Tests.Notifications;

/// <summary>A request as a fake vendor received it.</summary>
public sealed record FakeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A local HTTP server (Kestrel on a free port) that plays an SMS vendor: the test decides each answer.</summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHttpServer(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>Starts a server whose answer to the n-th request (1-based) is <paramref name="answer"/>(n, request).</summary>
    public static async Task<FakeHttpServer> StartAsync(Func<int, FakeRequest, (int Status, string Body)> answer)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "FakeVendor", EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeHttpServer? server = null;
        var count = 0;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new FakeRequest(context.Request.Method, context.Request.Path,
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await reader.ReadToEndAsync());
            server!.Requests.Enqueue(request);
            var (status, body) = answer(Interlocked.Increment(ref count), request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        server = new FakeHttpServer(app, app.Urls.First().TrimEnd('/'));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
