using Metrology.Core.Setup;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Infrastructure;

/// <summary>
/// The real host (Program) on a temporary App_Data, with Default set up by auto-setup from the
/// default recipe. Shared by the test classes; each class makes its own tenant with <see cref="CreateTenantAsync"/>.
/// </summary>
public class SiteFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Test2026pass";

    public string AppData { get; } = Path.Combine(Path.GetTempPath(), "metrology-tests", Guid.NewGuid().ToString("N")[..12]);

    public string RecipesPath => Path.Combine(AppData, "recipes");

    public virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public virtual string? ConnectionString => null;

    /// <summary>When false, Default is left for the setup page.</summary>
    protected virtual bool AutoSetup => true;

    /// <summary>Lets a test class add or replace services (a test migration, a clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public virtual ValueTask InitializeAsync()
    {
        CopyRecipes();
        StartServer(); // starts the host: auto-setup runs now
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Metrology:AppData", AppData);
        builder.UseSetting("Metrology:RecipesPath", RecipesPath);
        builder.UseSetting("Metrology:Database:Provider", Provider.ToString());
        builder.UseSetting("Metrology:Database:ConnectionString", ConnectionString ?? "");
        builder.UseSetting("Metrology:AutoSetup:Enabled", AutoSetup ? "true" : "false");
        builder.UseSetting("Metrology:AutoSetup:AdminPassword", AdminPassword);
        builder.UseSetting("Metrology:AutoSetup:Tenants:0:Name", "Default");
        builder.UseSetting("Metrology:AutoSetup:Tenants:0:SiteName", "测试主站");
        builder.UseSetting("Metrology:AutoSetup:Tenants:0:Recipe", "default");
        builder.UseSetting("Metrology:AutoSetup:Tenants:0:AdminUserName", "admin");
        builder.UseSetting("Metrology:AutoSetup:Tenants:0:AdminEmail", "admin@example.com");
        // A job only the tests have, to show that jobs run in their tenant's scope.
        builder.ConfigureServices(s => s.AddSingleton<Metrology.Core.Jobs.ITenantJob, Jobs.ProbeJob>());
        // A content handler that fails on demand, to show a failing handler leaves nothing half-written.
        builder.ConfigureServices(s => s.AddSingleton<Metrology.Core.Content.IContentHandler, Contents.FailingHandler>());
        if (ConfigureServices is not null) builder.ConfigureServices(ConfigureServices);
    }

    /// <summary>Creates and sets up a tenant of its own for a test class; its URL prefix is its name in lower case.</summary>
    public async Task<TenantSettings> CreateTenantAsync(string baseName, string recipe = "zhaoqing")
    {
        var name = $"{baseName}{Guid.NewGuid().ToString("N")[..6]}";
        var manager = Services.GetRequiredService<TenantManager>();
        var tenant = await manager.CreateAsync(new TenantSettings
        {
            Name = name,
            RequestUrlPrefix = name.ToLowerInvariant(),
            DatabaseProvider = Provider,
            ConnectionString = ConnectionString,
        });
        var result = await Services.GetRequiredService<TenantSetup>().SetupAsync(tenant,
            new SetupRequest($"测试站点 {name}", recipe, "admin", $"admin@{name.ToLowerInvariant()}.example.com", AdminPassword));
        if (!result.Succeeded) throw new InvalidOperationException(result.Error);
        return Services.GetRequiredService<TenantRegistry>().Find(name)!;
    }

    /// <summary>A new browser: its own cookies, no automatic redirects (tests look at them).</summary>
    public TestBrowser Browser()
    {
        var cookies = new CookieContainerHandler();
        return new TestBrowser(CreateDefaultClient(new Uri("http://localhost"), cookies), cookies.Container);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(AppData, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    private void CopyRecipes()
    {
        Directory.CreateDirectory(RecipesPath);
        foreach (var folder in new[] { "recipes", "Recipes" })
        {
            var source = Path.Combine(AppContext.BaseDirectory, folder);
            if (!Directory.Exists(source)) continue;
            foreach (var file in Directory.GetFiles(source, "*.recipe.json"))
                File.Copy(file, Path.Combine(RecipesPath, Path.GetFileName(file)), overwrite: true);
        }
    }
}
