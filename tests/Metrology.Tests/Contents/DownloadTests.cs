using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Contents;

/// <summary>The forms of seed 004 (附件1, 附件2) are content staff edit, offered on the portal as printable PDFs.</summary>
public sealed class DownloadTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Dl");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Site_links_in_a_pages_text_carry_the_tenants_prefix_and_the_instrument_template_downloads()
    {
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"/{_tenant.RequestUrlPrefix}/downloads");
        var links = page.QuerySelectorAll("article .content-body a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains($"/{_tenant.RequestUrlPrefix}/downloads/authorisation", links);
        Assert.All(links.Where(l => l.StartsWith('/')), l => Assert.StartsWith($"/{_tenant.RequestUrlPrefix}/", l));
        var template = links.Single(l => l.EndsWith("template.xlsx", StringComparison.Ordinal));
        var file = await visitor.GetAsync(template);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("downloads/authorisation", "授权委托书", "代理人无转委托权")]
    [InlineData("downloads/commitment", "诚信计量自我承诺书", "不使用国家明令淘汰或者禁止使用的计量器具")]
    public async Task A_letter_is_offered_as_a_pdf_with_its_chinese_text(string path, string title, string text)
    {
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"/{_tenant.RequestUrlPrefix}/{path}");
        var link = page.QuerySelector("article a.btn")!.GetAttribute("href")!;
        var pdf = await visitor.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(file, await pdf.Content.ReadAsByteArrayAsync());
        try
        {
            var extracted = await PdfTextAsync(file);
            Assert.Contains(title, extracted);
            Assert.Contains(text, extracted.Replace("\n", "").Replace(" ", ""));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> PdfTextAsync(string file)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}

/// <summary>Searching the portal's published pages.</summary>
public sealed class SearchTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Srch");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("预约单", "办事指南")]
    [InlineData("忘记密码", "登录不了")]
    [InlineData("宝鼎路", "业务大厅收发")]
    [InlineData("承诺", "诚信计量自我承诺书")]
    public async Task Search_finds_published_pages_by_words_in_their_text(string query, string expected)
    {
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"/{_tenant.RequestUrlPrefix}/search?q={Uri.EscapeDataString(query)}");
        Assert.Contains(expected, page.QuerySelector("#search-results")!.TextContent);
    }

    [Theory]
    [InlineData("ListContentItemId")]
    [InlineData("MenuPart")]
    [InlineData("Markdown")]
    public async Task Search_does_not_match_what_visitors_cannot_see(string query)
    {
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"/{_tenant.RequestUrlPrefix}/search?q={query}");
        Assert.Contains("没有找到", page.QuerySelector("#search-results")!.TextContent);
    }

    [Fact]
    public async Task Search_finds_nothing_for_words_that_are_nowhere()
    {
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"/{_tenant.RequestUrlPrefix}/search?q={Uri.EscapeDataString("火星探测器")}");
        Assert.Contains("没有找到", page.QuerySelector("#search-results")!.TextContent);
    }
}

/// <summary>Anonymous pages come from the output cache until a publish evicts the tenant's pages.</summary>
public sealed class PageCacheTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Cache");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_anonymous_page_is_served_from_the_cache_until_a_publish_evicts_it()
    {
        var url = $"/{_tenant.RequestUrlPrefix}/guide";
        using var visitor = site.Browser();
        Assert.Contains("办事指南", (await visitor.GetDocumentAsync(url)).QuerySelector("article h1")!.TextContent);

        // A change written behind the content manager's back is not seen: the page is cached.
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
            await s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<Metrology.Core.Content.ContentItem>()
                .Where(i => i.Path == "guide").ExecuteUpdateAsync(u => u.SetProperty(i => i.DisplayText, "绕过的修改")));
        Assert.Contains("办事指南", (await visitor.GetDocumentAsync(url)).QuerySelector("article h1")!.TextContent);

        // A publish through the manager evicts the tenant's pages.
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            var manager = s.GetRequiredService<Metrology.Core.Content.ContentManager>();
            var guide = (await manager.QueryAsync(new Metrology.Core.Content.ContentQuery { ContentType = "Guide", Text = "绕过" })).Items.Single();
            guide.SetText(Metrology.Core.Content.ContentParts.Title, "Title", "办事指南（新版）");
            Assert.True((await manager.SaveAsync(guide, true, "admin")).Succeeded);
        });
        Assert.Contains("办事指南（新版）", (await visitor.GetDocumentAsync(url)).QuerySelector("article h1")!.TextContent);
    }
}

/// <summary>The guide's flow diagram is drawn by the site from the steps staff write.</summary>
public sealed class GuideDiagramTests(SiteFactory site)
{
    [Theory]
    [InlineData("zhaoqing", 10, "提交注册申请")]
    [InlineData("chongqing", 9, "企业网上注册")]
    public async Task The_guide_page_draws_its_steps_as_a_flow_diagram(string recipe, int steps, string first)
    {
        var tenant = await site.CreateTenantAsync("Flow", recipe);
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"/{tenant.RequestUrlPrefix}/guide");
        var boxes = page.QuerySelectorAll("svg g.guide-step");
        Assert.Equal(steps, boxes.Length);
        Assert.Contains(first, boxes[0].TextContent);
    }

    [Fact]
    public void Steps_come_from_a_numbered_list_or_from_an_arrow_paragraph()
    {
        Assert.Equal(["注册", "备案"], Metrology.Contents.GuideSteps.From("1. **注册**：上传资料\n2. **备案**：提交申请"));
        Assert.Equal(["注册", "登录", "备案"], Metrology.Contents.GuideSteps.From("流程：注册 → 登录 → 备案。"));
        Assert.Empty(Metrology.Contents.GuideSteps.From("没有步骤的文字"));
    }
}
