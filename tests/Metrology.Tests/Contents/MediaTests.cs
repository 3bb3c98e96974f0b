using AngleSharp.Dom;
using System.Net;
using Metrology.Core.Content;
using Metrology.Core.Media;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Contents;

public sealed class MediaTests(SiteFactory site) : IAsyncLifetime
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("Media");
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
            Assert.Empty(await s.GetRequiredService<ContentDefinitionStore>().SaveAsync(new ContentTypeDefinition
            {
                Name = "Attachment", DisplayName = "附件", Parts = [ContentParts.Title, ContentParts.Autoroute],
                Fields = [new ContentFieldDefinition { Name = "File", DisplayName = "文件", Type = FieldTypes.Media, Required = true, AllowedExtensions = [".png", ".pdf"], MaxKilobytes = 100 }],
            })));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> AdminAsync()
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        return browser;
    }

    private Task<HttpResponseMessage> SaveAsync(TestBrowser admin, string path, string fileName, byte[] bytes) =>
        admin.SubmitAsync(Prefix + "/admin/contents/edit?type=Attachment", new Dictionary<string, string> { ["Title"] = "申请表", ["Path"] = path },
            "main form[method=post]", new Dictionary<string, (string, byte[])> { ["Upload[File]"] = (fileName, bytes) });

    [Theory]
    [InlineData("disguised.png", "not an image at all", "文件内容与扩展名 .png 不符")]
    [InlineData("script.exe", "MZ", "只接受以下格式")]
    [InlineData("big.png", null, "文件大小不能超过 100 KB")]
    public async Task A_media_field_refuses_a_bad_file_at_the_field_and_stores_nothing(string fileName, string? text, string message)
    {
        using var admin = await AdminAsync();
        var bytes = text is null ? [.. Png, .. new byte[150 * 1024]] : System.Text.Encoding.UTF8.GetBytes(text);
        var response = await SaveAsync(admin, "bad-" + Guid.NewGuid().ToString("N")[..6], fileName, bytes);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Fields[File]']")!.TextContent);
        var stored = await InTenantAsync(s => s.GetRequiredService<IFileStore>().ListAsync("content"));
        Assert.DoesNotContain(stored, e => e.Name.Length > 0 && !e.IsFolder);
    }

    [Fact]
    public async Task A_good_file_is_stored_and_shown_on_the_published_page()
    {
        using var admin = await AdminAsync();
        var response = await SaveAsync(admin, "forms/application", "申请表 样例.png", Png);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = TestBrowser.Location(response).Split('/').Last();
        var form = (await admin.GetDocumentAsync($"{Prefix}/admin/contents/edit/{id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        var published = await admin.Client.PostAsync($"{Prefix}/admin/contents/edit/{id}?handler=Publish", new FormUrlEncodedContent(
            form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(e => !string.IsNullOrEmpty(e.Name) && e.Type != "file" && (e.Type != "checkbox" || e.IsChecked)).Select(e => new KeyValuePair<string, string>(e.Name!, e.Value))));
        Assert.True(published.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(published));

        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync(Prefix + "/forms/application");
        var src = page.QuerySelector("article img")!.GetAttribute("src")!;
        Assert.Contains("/media/content/", src);
        var image = await visitor.GetAsync(src);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_media_library_uploads_lists_and_deletes_and_never_serves_outside_its_folder()
    {
        using var admin = await AdminAsync();
        var upload = await admin.SubmitAsync(Prefix + "/admin/media", new Dictionary<string, string>(), "#upload",
            new Dictionary<string, (string, byte[])> { ["uploads"] = ("logo.png", Png) });
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var list = await admin.GetDocumentAsync(Prefix + "/admin/media");
        Assert.Contains("logo.png", list.QuerySelector("#media")!.TextContent);
        Assert.Equal(Png, await (await admin.GetAsync(Prefix + "/media/logo.png")).Content.ReadAsByteArrayAsync());

        var refused = await admin.SubmitAsync(Prefix + "/admin/media", new Dictionary<string, string>(), "#upload",
            new Dictionary<string, (string, byte[])> { ["uploads"] = ("fake.pdf", "<html>"u8.ToArray()) });
        Assert.Contains("文件内容与扩展名 .pdf 不符", await TestBrowser.ErrorsOfAsync(refused));

        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(Prefix + "/media/..%2F..%2Fmetrology.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(Prefix + "/media/../metrology.db")).StatusCode);
    }

    private async Task<T> InTenantAsync<T>(Func<IServiceProvider, Task<T>> read)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => result = await read(s));
        return result;
    }
}
