using System.Net;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Admin;

public sealed class SiteSettingsTests(SiteFactory site) : IAsyncLifetime
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Set");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Saved_settings_show_on_the_portal()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var response = await admin.SubmitAsync(Prefix + "/admin/settings", new Dictionary<string, string>
        {
            ["Input.SiteName"] = "新名称计量所",
            ["Input.Phone"] = "0758-1234567",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await admin.GetDocumentAsync(Prefix + "/");
        Assert.Contains("新名称计量所", home.Title);
        Assert.Contains("0758-1234567", home.QuerySelector("footer")!.TextContent);
    }

    [Fact]
    public async Task A_logo_that_is_not_an_image_is_refused_and_nothing_is_saved()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var response = await admin.SubmitAsync(Prefix + "/admin/settings",
            new Dictionary<string, string> { ["Input.SiteName"] = "不应保存" },
            files: new Dictionary<string, (string, byte[])> { ["Logo"] = ("logo.png", "<script>alert(1)</script>"u8.ToArray()) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("文件内容与扩展名 .png 不符", await TestBrowser.ErrorsOfAsync(response));
        Assert.DoesNotContain("不应保存", (await admin.GetDocumentAsync(Prefix + "/")).Title);
    }

    [Fact]
    public async Task A_logo_too_large_or_of_another_type_is_refused()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var big = new byte[600 * 1024];
        Png.CopyTo(big, 0);
        var tooBig = await admin.SubmitAsync(Prefix + "/admin/settings", new Dictionary<string, string>(),
            files: new Dictionary<string, (string, byte[])> { ["Logo"] = ("logo.png", big) });
        Assert.Contains("文件大小不能超过 512 KB", await TestBrowser.ErrorsOfAsync(tooBig));

        var exe = await admin.SubmitAsync(Prefix + "/admin/settings", new Dictionary<string, string>(),
            files: new Dictionary<string, (string, byte[])> { ["Logo"] = ("logo.exe", Png) });
        Assert.Contains("只接受以下格式", await TestBrowser.ErrorsOfAsync(exe));
    }

    [Fact]
    public async Task A_real_logo_is_saved_and_served_on_every_page()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var response = await admin.SubmitAsync(Prefix + "/admin/settings", new Dictionary<string, string>(),
            files: new Dictionary<string, (string, byte[])> { ["Logo"] = ("logo.png", Png) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var visitor = site.Browser();
        var home = await visitor.GetDocumentAsync(Prefix + "/");
        var src = home.QuerySelector("img.portal-logo")!.GetAttribute("src")!;
        var logo = await visitor.GetAsync(src);
        Assert.Equal("image/png", logo.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync());
    }
}
