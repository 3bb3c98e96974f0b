using System.Collections.Concurrent;
using HandlebarsDotNet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Metrology.Documents;

/// <summary>
/// Page set-up for <see cref="PdfRenderer"/>: a paper format Chromium knows ("A4", "A5", "Letter", …), one CSS length
/// used for all four margins, and the orientation.
/// </summary>
public sealed record PdfOptions(string Format = "A4", string Margin = "15mm", bool Landscape = false);

/// <summary>
/// PDF cannot be made on this machine because Chromium is missing or does not start. The message is written for
/// the administrator who has to fix the installation.
/// </summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A staff-edited Handlebars template does not compile or fails while filling in the model; the message is
/// "模板有误：" followed by Handlebars' own explanation.
/// </summary>
public sealed class PdfTemplateException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Turns HTML, or a Handlebars template and its model, into PDF with headless Chromium (Debian's, through Playwright).
/// One browser per process is started on first use and kept warm; every render gets its own browser context, so
/// nothing leaks between documents. Pages cannot reach the network: templates carry their images as data: URIs.
/// </summary>
public sealed class PdfRenderer(IConfiguration configuration, ILogger<PdfRenderer> logger) : IAsyncDisposable
{
    private const string DefaultChromiumPath = "/usr/bin/chromium";
    private const int TemplateCacheLimit = 256;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly string _chromiumPath = configuration["Metrology:Pdf:ChromiumPath"] is { Length: > 0 } p ? p : DefaultChromiumPath;
    private readonly SemaphoreSlim _launchLock = new(1, 1);
    // Each render holds a Chromium renderer process (~100 MB); two at once keeps a small node responsive.
    private readonly SemaphoreSlim _renderSlots = new(2, 2);
    private readonly IHandlebars _handlebars = Handlebars.Create();
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _templates = new(StringComparer.Ordinal);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private bool _disposed;

    /// <summary>Renders a Handlebars template (values HTML-escaped unless written with triple braces) filled with <paramref name="model"/>.</summary>
    /// <exception cref="PdfTemplateException">The template does not compile or cannot be applied to the model.</exception>
    /// <exception cref="PdfUnavailableException">Chromium is missing or does not start.</exception>
    public async Task<byte[]> RenderTemplateAsync(string handlebarsTemplate, object model, PdfOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(handlebarsTemplate);
        string html;
        try
        {
            html = Compile(handlebarsTemplate)(model);
        }
        catch (HandlebarsException e)
        {
            throw new PdfTemplateException($"模板有误：{e.Message}", e);
        }
        return await RenderHtmlAsync(html, options, ct);
    }

    /// <summary>Renders a complete HTML document; background colours and images are printed.</summary>
    /// <exception cref="PdfUnavailableException">Chromium is missing or does not start.</exception>
    public async Task<byte[]> RenderHtmlAsync(string html, PdfOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        ObjectDisposedException.ThrowIf(_disposed, this);
        options ??= new PdfOptions();
        var browser = await BrowserAsync(ct);
        await _renderSlots.WaitAsync(ct);
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ServiceWorkers = ServiceWorkerPolicy.Block });
            try
            {
                // On the context rather than the page, so frames and pop-ups are held to the same rule.
                await context.RouteAsync("**/*", route => IsLocal(route.Request.Url) ? route.ContinueAsync() : route.AbortAsync());
                await context.RouteWebSocketAsync("**/*", ws => ws.CloseAsync());
                var page = await context.NewPageAsync();
                await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(ct);
                return await page.PdfAsync(new PagePdfOptions
                {
                    Format = options.Format,
                    Landscape = options.Landscape,
                    PrintBackground = true,
                    Margin = new Margin { Top = options.Margin, Right = options.Margin, Bottom = options.Margin, Left = options.Margin },
                }).WaitAsync(ct);
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        finally
        {
            _renderSlots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _launchLock.WaitAsync();
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_browser is not null) await _browser.CloseAsync();
            _playwright?.Dispose();
        }
        finally
        {
            _launchLock.Release();
        }
    }

    private static bool IsLocal(string url) =>
        url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("about:", StringComparison.OrdinalIgnoreCase);

    private HandlebarsTemplate<object, object> Compile(string template)
    {
        if (_templates.TryGetValue(template, out var compiled)) return compiled;
        compiled = _handlebars.Compile(template);
        // Templates are few and edited rarely; starting over when full is simpler than LRU and bounds memory just as well.
        if (_templates.Count >= TemplateCacheLimit) _templates.Clear();
        _templates.TryAdd(template, compiled);
        return compiled;
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } warm) return warm;
        await _launchLock.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { IsConnected: true } launched) return launched;
            if (!File.Exists(_chromiumPath)) throw Unavailable(null);
            try
            {
                _playwright ??= await Playwright.CreateAsync();
                if (_browser is not null) logger.LogWarning("Chromium disconnected; starting it again");
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = _chromiumPath,
                    Headless = true,
                    Args = ChromiumArgs,
                });
                logger.LogInformation("Chromium {Version} started for PDF rendering from {Path}", _browser.Version, _chromiumPath);
                return _browser;
            }
            // Not only PlaywrightException: a missing Playwright driver or an unstartable process surfaces as other types.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Chromium at {Path} did not start", _chromiumPath);
                throw Unavailable(e);
            }
        }
        finally
        {
            _launchLock.Release();
        }
    }

    private PdfUnavailableException Unavailable(Exception? inner) =>
        new($"无法生成 PDF：未找到 Chromium（{_chromiumPath}）。请安装 Debian 的 chromium 软件包，或在 Metrology:Pdf:ChromiumPath 中配置其路径。", inner);
}
