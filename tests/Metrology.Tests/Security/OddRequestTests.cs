using System.Net;
using AngleSharp.Dom;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Security;

/// <summary>Unknown methods get 405 and bad input 400, never 500.</summary>
public sealed class OddRequestTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Odd");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("PUT", "/my/profile")]
    [InlineData("PATCH", "/my/profile")]
    [InlineData("PUT", "/my/instruments")]
    [InlineData("PATCH", "/my/instruments")]
    [InlineData("DELETE", "/my/instruments/import")]
    public async Task A_method_no_handler_takes_answers_405(string method, string path)
    {
        using var enterprise = site.Browser();
        await enterprise.LoginAsync(Prefix, "13800000001", SiteFactory.AdminPassword);
        var response = await enterprise.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Prefix + path) { Content = new StringContent("") });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_media_folder_outside_the_library_answers_400()
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var page = await admin.GetDocumentAsync(Prefix + "/admin/media");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        foreach (var folder in new[] { @"..\..", "../..", "a\\..\\..", "C:" })
        {
            var created = await admin.Client.PostAsync($"{Prefix}/admin/media?handler=Folder&Folder={Uri.EscapeDataString(folder)}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["NewFolder"] = "x" }));
            Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Prefix}/admin/media?Folder={Uri.EscapeDataString(folder)}")).StatusCode);
        }
    }
}

/// <summary>A host in Development, as <c>./build.sh run</c> starts the demo, where a page throws when asked to (by the test).</summary>
public sealed class DevelopmentSiteFactory : SiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        // appsettings.Development.json lists the demo tenants too; as "Default" again they are skipped (set up already).
        builder.UseSetting("Metrology:AutoSetup:Tenants:1:Name", "Default");
        builder.UseSetting("Metrology:AutoSetup:Tenants:2:Name", "Default");
        builder.ConfigureServices(s => s.Configure<MvcOptions>(o => o.Filters.Add(new ThrowWhenAsked())));
    }

    private sealed class ThrowWhenAsked : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            var request = context.HttpContext.Request;
            if (request.Query.ContainsKey("throw") && !request.Path.StartsWithSegments("/error")) throw new InvalidOperationException("secret detail /home/dev/src/Program.cs");
        }

        public void OnResourceExecuted(ResourceExecutedContext context) { }
    }
}

public sealed class DevelopmentErrorPageTests(DevelopmentSiteFactory site) : IClassFixture<DevelopmentSiteFactory>
{
    [Fact]
    public async Task The_demo_shows_the_friendly_error_page_not_the_stack_trace()
    {
        using var browser = site.Browser();
        var response = await browser.GetAsync("/?throw=1");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret detail", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.Contains("出错了", html);
    }
}
