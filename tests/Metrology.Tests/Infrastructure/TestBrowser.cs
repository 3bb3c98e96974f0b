using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Metrology.Tests.Infrastructure;

/// <summary>
/// A client that behaves like a person's browser for server-rendered pages: keeps cookies, reads
/// forms (with their anti-forgery token) and submits them.
/// </summary>
public sealed class TestBrowser(HttpClient client, CookieContainer cookies) : IDisposable
{
    public CookieContainer Cookies => cookies;

    private static readonly IBrowsingContext Html = BrowsingContext.New(Configuration.Default);

    public HttpClient Client => client;

    public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(url);

    public async Task<IDocument> GetDocumentAsync(string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Html.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!.ToString()));
    }

    /// <summary>Opens <paramref name="pageUrl"/>, fills the form's fields and posts it as the browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IReadOnlyDictionary<string, string> fields, string formSelector = "main form[method=post]", IReadOnlyDictionary<string, (string FileName, byte[] Bytes)>? files = null)
    {
        var document = await GetDocumentAsync(pageUrl);
        var form = document.QuerySelectorAll<IHtmlFormElement>(formSelector).Concat(document.QuerySelectorAll<IHtmlFormElement>("form[method=post]")).FirstOrDefault(f => fields.Keys.All(k => f.Elements[k] is not null || k.StartsWith('!')))
            ?? throw new InvalidOperationException($"{pageUrl} has no form with fields {string.Join(", ", fields.Keys)}");
        return await PostFormAsync(form, fields, files);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, (string FileName, byte[] Bytes)>? files = null)
    {
        // A field's value may list several values ("a|b") for checkboxes of one name; "!name" leaves a field out.
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            if (element is IHtmlInputElement { Type: "checkbox" } skipped && fields.ContainsKey("!" + skipped.Name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked && !fields.ContainsKey(box.Name!):
                    values.Add(new(box.Name!, box.Value));
                    break;
                case IHtmlInputElement { Type: not ("checkbox" or "radio" or "file" or "submit") } input when !string.IsNullOrEmpty(input.Name) && !fields.ContainsKey(input.Name):
                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }
        values.AddRange(fields.Where(f => !f.Key.StartsWith('!')).SelectMany(f => f.Value.Split('|').Select(v => new KeyValuePair<string, string>(f.Key, v))));
        var action = string.IsNullOrEmpty(form.Action) ? form.Owner!.Url : form.Action;
        HttpContent content;
        if (files is null) content = new FormUrlEncodedContent(values);
        else
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (k, v) in values) multipart.Add(new StringContent(v), k);
            // "Upload[Files]#2" is a second file of the field "Upload[Files]".
            foreach (var (k, (name, bytes)) in files) multipart.Add(new ByteArrayContent(bytes), k.Split('#')[0], name);
            content = multipart;
        }
        return await client.PostAsync(new Uri(new Uri("http://localhost"), action).PathAndQuery, content);
    }

    public async Task LoginAsync(string prefix, string userName, string password)
    {
        var response = await SubmitAsync($"{prefix}/login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login to {prefix} failed: {(int)response.StatusCode} {await ErrorsOfAsync(response)}");
    }

    /// <summary>The validation messages a page shows.</summary>
    public static async Task<string> ErrorsOfAsync(HttpResponseMessage response)
    {
        var document = await ParseAsync(response);
        return string.Join(" | ", document.QuerySelectorAll(".text-danger, .alert-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
    }

    /// <summary>Where a redirect points, as a path and query (the handler may make it absolute).</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"answer {(int)response.StatusCode} is not a redirect");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public void Dispose() => client.Dispose();
}
