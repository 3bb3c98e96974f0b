using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Metrology.Tests.Browser;

/// <summary>
/// The site as `./build.sh run` serves it (Development: the demo tenants, the themes' static files) on
/// a loopback port, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserSiteFactory : SiteFactory
{
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// Waiting for a URL after signing in, when the next step goes to another page or acts on an element (which waits for
    /// it): the landing page's load event does not matter, and waiting for it timed out on loaded CI machines with the
    /// page there (the library's journey once, the workflow designer's once).
    /// </summary>
    public static readonly PageWaitForURLOptions LandedOnly = new() { WaitUntil = WaitUntilState.Commit };

    public override async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }

    /// <summary>A page in a phone-sized window, as most enterprise contacts will see the site.</summary>
    public async Task<IPage> PhonePageAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    /// <summary>A page in a desktop-sized window, as institute staff work.</summary>
    public async Task<IPage> DesktopPageAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    public static string Screenshot(string name) => Path.Combine(ScreenshotFolder, name + ".png");

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
