using System.Globalization;
using System.Reflection;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Health;
using Metrology.Core.Jobs;
using Metrology.Core.Modules;
using Metrology.Core.Recipes;
using Metrology.Core.Security;
using Metrology.Core.Settings;
using Metrology.Core.Setup;
using Metrology.Core.Tenants;
using Metrology.Core.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Quartz;

namespace Metrology.Core;

/// <summary>Adds the framework to a web host: <c>builder.AddMetrology()</c>, then <c>app.UseMetrology()</c>.</summary>
public static class MetrologyHost
{
    public static WebApplicationBuilder AddMetrology(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var appData = Path.GetFullPath(config["Metrology:AppData"] ?? "App_Data", builder.Environment.ContentRootPath);
        config.AddJsonFile(Path.Combine(appData, TenantRegistry.HostFile), optional: true, reloadOnChange: false);
        var options = config.GetSection("Metrology").Get<MetrologyOptions>() ?? new MetrologyOptions();
        services.Configure<MetrologyOptions>(config.GetSection("Metrology"));
        services.PostConfigure<MetrologyOptions>(o =>
        {
            if (config["METROLOGY_ADMIN_PASSWORD"] is { Length: > 0 } password) o.AutoSetup.AdminPassword = password;
        });

        var catalog = ModuleCatalog.Discover(Assembly.Load(new AssemblyName(builder.Environment.ApplicationName)));
        services.AddSingleton(catalog);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddHttpContextAccessor();

        AddTenancy(services);
        AddSecurity(services);
        AddWeb(services, catalog);
        AddJobs(services, options);
        AddObservability(builder, options);
        services.AddHealthChecks().AddCheck<TenantDatabasesHealthCheck>("tenants");

        catalog.ConfigureServices(services);
        return builder;
    }

    public static WebApplication UseMetrology(this WebApplication app)
    {
        // The friendly error page in every environment: the demo runs as Development and is seen by others.
        // A developer who wants stack traces sets Metrology:DetailedErrors (Metrology__DetailedErrors=true).
        if (app.Configuration.GetValue<int?>("Metrology:ManagementPort") is { } management)
        {
            // The management port answers /metrics and POST /jobs/{tenant}/{job} only; the public port answers neither.
            app.UseOpenTelemetryPrometheusScrapingEndpoint(c => c.Connection.LocalPort == management && c.Request.Path == "/metrics");
            app.MapWhen(c => c.Connection.LocalPort == management, b => b.Run(ManagementJobs.HandleAsync));
        }
        if (!app.Configuration.GetValue<bool>("Metrology:DetailedErrors")) app.UseExceptionHandler("/error/500");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<FeatureGateMiddleware>();
        // Most public requests carry no sign-in cookie: for them the cookie handler has nothing to read (ADR 0021). The
        // branch's UseAuthentication marks only the branch: the mark on the application keeps WebApplication from adding
        // its own authentication at the start of the pipeline, before the tenant is known.
        app.UseWhen(TenantCookieManager.MayBeSignedIn, signedIn => signedIn.UseAuthentication());
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        app.UseAuthorization();
        app.UseOutputCache();
        // After the output cache: a page answered from it, a static file or a redirect needs no culture; what renders does.
        app.UseRequestLocalization();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapHealthChecks("/health");
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        foreach (var feature in catalog.Features)
        {
            feature.MapEndpoints(app.MapGroup("").WithMetadata(new FeatureMetadata(feature.FeatureId)));
        }
        return app;
    }

    private static void AddTenancy(IServiceCollection services)
    {
        services.AddSingleton<AppPaths>();
        services.AddSingleton<TenantDatabase>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<TenantScopes>();
        services.AddSingleton<TenantActivator>();
        services.AddSingleton<TenantManager>();
        services.AddSingleton<TenantSetup>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<RecipeHarvester>();
        services.AddSingleton<HostStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<HostStartup>());
        services.AddHostedService<RegistryRefresh>();
        services.AddSingleton<TenantCaches>();
        services.AddHostedService<TenantChangeListener>();

        services.AddScoped<TenantContext>();
        services.AddScoped<FeatureFilter>();
        services.AddScoped<TenantMigrator>();
        services.AddScoped<DocumentStore>();
        services.AddScoped<SiteSettingsService>();
        services.AddScoped<Admin.PortalNavigation>();
        services.AddSingleton<Security.UserAccessCache>();
        services.AddScoped<RecipeExecutor>();
        services.AddScoped<AdminMenuService>();
        services.AddScoped<Workspaces.WorkspaceService>();
        services.AddScoped<Content.ContentDefinitionStore>();
        services.AddScoped<Content.ContentManager>();
        services.AddScoped<Media.IFileStore, Media.LocalFileStore>();

        // Rented from the tenant's pool (ADR 0020); the scope's end hands it back.
        services.AddSingleton<TenantDbContextPools>();
        services.AddScoped(sp => sp.GetRequiredService<TenantDbContextPools>().Rent(sp.GetRequiredService<TenantContext>().Tenant));
        services.AddDbContext<HostDbContext>((sp, o) =>
            sp.GetRequiredService<TenantDatabase>().Configure(o, sp.GetRequiredService<TenantRegistry>().Default));
    }

    private static void AddSecurity(IServiceCollection services)
    {
        services.AddIdentity<User, Role>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(30);
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<TenantDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddClaimsPrincipalFactory<TenantClaims>();
        services.AddScoped<IUserConfirmation<User>, EnabledUserConfirmation>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = TenantCookieManager.SignInCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.CookieManager = new TenantCookieManager();
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/error/403";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = TenantCookieEvents.ValidatePrincipalAsync;
            o.Events.OnRedirectToAccessDenied = TenantCookieEvents.ForbidAsync;
        });
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, RememberedTickets.Setup>(); // after AddIdentity's own
        services.AddAntiforgery(o => o.Cookie.Name = ".Metrology.Antiforgery");
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<PermissionService>();

        // One application name and one key store for every node: cookies and form tokens are valid on any of them.
        services.AddDataProtection().SetApplicationName("Metrology").PersistKeysToDbContext<HostDbContext>();
        RememberedFormTokens.Decorate(services);
        services.AddSingleton<IPostConfigureOptions<KeyManagementOptions>>(sp => new PostConfigureOptions<KeyManagementOptions>(null, o =>
            o.XmlRepository = new HostKeyRepository(o.XmlRepository!, sp.GetRequiredService<TenantRegistry>())));
    }

    private static void AddWeb(IServiceCollection services, ModuleCatalog catalog)
    {
        // Chinese text is written as is, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<Microsoft.AspNetCore.Routing.RouteOptions>(o => o.LowercaseUrls = true);
        services.AddOutputCache(o =>
        {
            o.AddPolicy(AnonymousPageCache.Policy, new AnonymousPageCache());
            // What bounds the store when keys are unbounded (the catalog's ?q=): beyond it, the least used entries go.
            o.SizeLimit = AnonymousPageCache.StoreSizeLimit;
        });
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var zh = new CultureInfo("zh-CN");
            o.DefaultRequestCulture = new RequestCulture(zh);
            o.SupportedCultures = [zh];
            o.SupportedUICultures = [zh];
            // One culture: nothing to read from the query, a cookie or Accept-Language on each request.
            o.RequestCultureProviders.Clear();
        });
        var mvc = services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Admin", PermissionAttribute.PolicyPrefix + StandardPermissions.AccessAdminPanel.Name);
                o.Conventions.Add(new FeaturePageConvention(catalog));
                o.Conventions.ConfigureFilter(new MustChangePasswordFilter());
                o.Conventions.Add(new UnhandledMethodConvention());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization()
            .AddMvcOptions(ChineseModelBinding.Configure)
            .AddMvcOptions(o => o.Filters.Add(new PageResponseBuffer()));
        // The views' texts, remembered per view (ADR 0021): the stock localizer looks each up again on every request.
        services.AddSingleton<RememberingViewLocalizer.Views>();
        services.Replace(ServiceDescriptor.Transient<Microsoft.AspNetCore.Mvc.Localization.IViewLocalizer, RememberingViewLocalizer>());
        // After MVC's own setup, which adds the implicit [Required] this gives a Chinese message.
        services.PostConfigure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.ModelMetadataDetailsProviders.Add(new ChineseRequiredMessage()));
        mvc.ConfigureApplicationPartManager(parts =>
        {
            foreach (var assembly in catalog.Assemblies)
            {
                if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) continue;
                foreach (var part in new DefaultApplicationPartFactory().GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
            }
        });
    }

    /// <summary>
    /// Metrics (OpenTelemetry, Prometheus format on the management port): ASP.NET Core's request rate and duration,
    /// Kestrel's connections, and <see cref="Diagnostics.MetrologyMetrics"/>. Console logs show scopes (the tenant).
    /// Without a management port nobody can read the metrics, and none are collected: recording them cost every request
    /// 3–5% of a cached page's CPU (docs/performance.md, seventeenth pass).
    /// </summary>
    private static void AddObservability(WebApplicationBuilder builder, MetrologyOptions options)
    {
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        if (options.ManagementPort is not { } port) return;
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(Diagnostics.MetrologyMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        builder.WebHost.UseUrls($"{(string.IsNullOrEmpty(urls) ? "http://localhost:5000" : urls)};{ManagementJobs.Url(options.ManagementAddress, port)}");
    }

    private static void AddJobs(IServiceCollection services, MetrologyOptions options)
    {
        services.AddSingleton<TenantJobScheduler>();
        services.AddSingleton<TenantJobs>();
        services.AddQuartz(q =>
        {
            if (options.Database.Provider != DatabaseProvider.Postgres) return;
            // Several web nodes share the PostgreSQL store, so a job fires on one node only. UseClustering also makes
            // Quartz 4 generate each node's instance id, so a dead node's triggers are recovered by a live one.
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(options.Database.ConnectionString!);
                s.UseClustering();
                s.UseSystemTextJsonSerializer();
                s.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
