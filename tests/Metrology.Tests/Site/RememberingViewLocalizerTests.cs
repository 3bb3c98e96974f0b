using System.Globalization;
using System.Text.Encodings.Web;
using Metrology.Core.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Metrology.Tests.Site;

/// <summary>
/// The views' localizer remembers each text (<see cref="RememberingViewLocalizer"/>) and must answer exactly as ASP.NET
/// Core's own: the view's resources where there are some (this project's LocalizerProbe.resx), the text itself where
/// there are none, HTML left as written, arguments encoded.
/// </summary>
public sealed class RememberingViewLocalizerTests
{
    private const string ProbeView = "/Site/LocalizerProbe.cshtml";
    private readonly IHtmlLocalizerFactory _factory = new HtmlLocalizerFactory(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
    private readonly Environment _environment = new();
    private readonly RememberingViewLocalizer.Views _views = new();

    [Theory]
    [InlineData("首页")]                  // in the view's resources
    [InlineData("强检")]                  // in the resources, with HTML in it
    [InlineData("未翻译的文字")]           // not in the resources: the text itself
    [InlineData("<i>原样</i>")]           // not in the resources, HTML as written
    [InlineData("共 {{0}} 台")]           // braces: formatted as the stock localizer formats them
    public void A_text_is_written_as_the_stock_localizer_writes_it(string name)
    {
        using var _ = new UiCulture("zh-CN");
        var stock = Stock(ProbeView);
        for (var round = 0; round < 2; round++) // the second answer comes from memory
        {
            var text = Remembering(ProbeView)[name];
            Assert.Equal(stock[name].Value, text.Value);
            Assert.Equal(stock[name].IsResourceNotFound, text.IsResourceNotFound);
            Assert.Equal(Written(stock[name]), Written(text));
        }
    }

    [Fact]
    public void The_view_s_resources_are_read_and_remembered_per_view()
    {
        using var _ = new UiCulture("zh-CN");
        var first = Remembering(ProbeView)["首页"];
        Assert.Equal("Home", Written(first));
        Assert.False(first.IsResourceNotFound);
        Assert.Same(first, Remembering(ProbeView)["首页"]);
        // Another view has other resources (here none): the same name is its own text there.
        Assert.Equal("首页", Written(Remembering("/Site/Other.cshtml")["首页"]));
    }

    [Fact]
    public void Arguments_are_encoded_and_formatted_each_time()
    {
        using var _ = new UiCulture("zh-CN");
        var text = Remembering(ProbeView)["共 {0} 台", "<5>"];
        Assert.Equal("&lt;5&gt; instruments", Written(text));
        Assert.Equal(Written(Stock(ProbeView)["共 {0} 台", "<5>"]), Written(text));
        Assert.Equal("7 instruments", Written(Remembering(ProbeView)["共 {0} 台", 7]));
    }

    [Fact]
    public void Each_culture_has_its_own_answer()
    {
        LocalizedHtmlString zh, en;
        using (new UiCulture("zh-CN")) zh = Remembering(ProbeView)["未翻译的文字"];
        using (new UiCulture("en-US")) en = Remembering(ProbeView)["未翻译的文字"];
        Assert.NotSame(zh, en);
        Assert.Equal(zh.Value, en.Value);
    }

    private RememberingViewLocalizer Remembering(string view)
    {
        var localizer = new RememberingViewLocalizer(_views, _factory, _environment);
        localizer.Contextualize(new ViewContext { ExecutingFilePath = view });
        return localizer;
    }

    private ViewLocalizer Stock(string view)
    {
        var localizer = new ViewLocalizer(_factory, _environment);
        localizer.Contextualize(new ViewContext { ExecutingFilePath = view });
        return localizer;
    }

    private static string Written(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;
        public UiCulture(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);
        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }

    private sealed class Environment : IWebHostEnvironment
    {
        public string ApplicationName { get; set; } = "Metrology.Tests";
        public string EnvironmentName { get; set; } = "Test";
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
