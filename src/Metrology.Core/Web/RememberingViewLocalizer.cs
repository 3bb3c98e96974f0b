using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Metrology.Core.Web;

/// <summary>
/// A view's <c>@T["…"]</c>, answered as ASP.NET Core's <see cref="ViewLocalizer"/> answers it (the view's resources for
/// the request's culture, else the text itself), but remembered per view, text and culture. The stock localizer builds
/// the view's resource name and a cache key string and allocates two results for every text of every request, and its
/// result formats itself again each time it is written: together a quarter of all the uncached home page allocated
/// (docs/performance.md, tenth pass). A text with arguments is asked of the stock localizer each time.
/// </summary>
internal sealed class RememberingViewLocalizer(RememberingViewLocalizer.Views views, IHtmlLocalizerFactory factory, IWebHostEnvironment environment)
    : IViewLocalizer, IViewContextAware
{
    private View? _view;

    public void Contextualize(ViewContext viewContext)
    {
        var path = viewContext.ExecutingFilePath ?? viewContext.View.Path;
        _view = views.Find(path) ?? views.Add(path, Stock(viewContext));
    }

    private ViewLocalizer Stock(ViewContext viewContext)
    {
        var stock = new ViewLocalizer(factory, environment);
        stock.Contextualize(viewContext);
        return stock;
    }

    private View Current => _view ?? throw new InvalidOperationException("The localizer is used before its view is known.");

    public LocalizedHtmlString this[string name] => Current.Text(name);

    public LocalizedHtmlString this[string name, params object[] arguments] => Current.Stock[name, arguments];

    public LocalizedString GetString(string name) => Current.Stock.GetString(name);

    public LocalizedString GetString(string name, params object[] arguments) => Current.Stock.GetString(name, arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Current.Stock.GetAllStrings(includeParentCultures);

    /// <summary>Every view's texts, for the application's lifetime (resources do not change while it runs).</summary>
    public sealed class Views
    {
        private readonly ConcurrentDictionary<string, View> _byPath = new(StringComparer.Ordinal);

        internal View? Find(string path) => _byPath.GetValueOrDefault(path);

        internal View Add(string path, ViewLocalizer stock) => _byPath.GetOrAdd(path, new View(stock));
    }

    internal sealed class View(ViewLocalizer stock)
    {
        /// <summary>Texts a view may remember; past it (a view that localizes what a user typed) each is asked again.</summary>
        private const int MaxTexts = 2000;

        private readonly ConcurrentDictionary<(string Name, string Culture), LocalizedHtmlString> _texts = new();

        public ViewLocalizer Stock { get; } = stock;

        public LocalizedHtmlString Text(string name)
        {
            var key = (name, CultureInfo.CurrentUICulture.Name);
            if (_texts.TryGetValue(key, out var text)) return text;
            text = Plain.From(Stock[name]);
            if (_texts.Count < MaxTexts) _texts.TryAdd(key, text);
            return text;
        }
    }

    /// <summary>
    /// A text without arguments and without braces, written as it is: what formatting it would give, without formatting
    /// it (and allocating for it) on every write. Razor writes it through <see cref="IHtmlContent"/>, re-implemented here.
    /// </summary>
    private sealed class Plain : LocalizedHtmlString, IHtmlContent
    {
        private Plain(LocalizedHtmlString text) : base(text.Name, text.Value, text.IsResourceNotFound) { }

        public static LocalizedHtmlString From(LocalizedHtmlString text) =>
            text.Value.AsSpan().IndexOfAny('{', '}') < 0 ? new Plain(text) : text;

        void IHtmlContent.WriteTo(TextWriter writer, System.Text.Encodings.Web.HtmlEncoder encoder) => writer.Write(Value);
    }
}
