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
    /// Submits the sign-in form and returns once the landing page's answer (<paramref name="landing"/>, 200) has come,
    /// for a next step that goes to another page or acts on an element (which waits for it). Not <c>WaitForURLAsync</c>:
    /// when the redirect has already been followed as it is called, Playwright (1.64) waits for the landing page's load
    /// event whatever <c>WaitUntil</c> says, and on loaded CI machines that wait missed the event and timed out with the
    /// page there (the library's, the workflow designer's and the host administrator's journeys, once each). The answer
    /// is awaited from before the click, so nothing can be missed.
    /// </summary>
    public static async Task SubmitSignInAsync(IPage page, string landing, string submit = "main button[type=submit]")
    {
        var landed = await page.RunAndWaitForResponseAsync(() => page.ClickAsync(submit), r => r.Url == landing && r.Request.Method == "GET");
        Assert.Equal(200, landed.Status);
    }

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
