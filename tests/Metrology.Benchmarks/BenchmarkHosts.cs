using Metrology.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Metrology.Benchmarks;

/// <summary>Starts the real site (SQLite, one demo tenant) and a bare endpoint, both on loopback Kestrel.</summary>
internal static class BenchmarkHosts
{
    /// <summary>The site on SQLite in <paramref name="appData"/>, or on the PostgreSQL database <paramref name="postgres"/> names.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartSiteAsync(string appData, string? postgres = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Metrology.Web",
            EnvironmentName = "Benchmark",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Metrology:AppData"] = appData,
            ["Metrology:RecipesPath"] = Path.Combine(AppContext.BaseDirectory, "recipes"),
            ["Metrology:AutoSetup:Enabled"] = "true",
            ["Metrology:AutoSetup:AdminPassword"] = "Bench2026pass",
            ["Metrology:AutoSetup:Tenants:0:Name"] = "Default",
            ["Metrology:AutoSetup:Tenants:0:SiteName"] = "基准测试主站",
            ["Metrology:AutoSetup:Tenants:0:Recipe"] = "default",
            ["Metrology:AutoSetup:Tenants:1:Name"] = "zhaoqing",
            ["Metrology:AutoSetup:Tenants:1:Prefix"] = "zhaoqing",
            ["Metrology:AutoSetup:Tenants:1:SiteName"] = "肇庆市质量计量监督检测所 强检服务平台",
            ["Metrology:AutoSetup:Tenants:1:Recipe"] = "zhaoqing",
        });
        if (postgres is not null)
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Metrology:Database:Provider"] = "Postgres", ["Metrology:Database:ConnectionString"] = postgres,
            });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddMetrology();
        var app = builder.Build();
        app.UseMetrology();
        await app.StartAsync();
        return (app, AddressOf(app));
    }

    /// <summary>A bare endpoint per path, each answering the bytes given for it.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartBareAsync(IReadOnlyDictionary<string, byte[]> bodies, string contentType)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        foreach (var (path, body) in bodies) app.MapGet(path, () => Results.Bytes(body, contentType));
        await app.StartAsync();
        return (app, AddressOf(app));
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
