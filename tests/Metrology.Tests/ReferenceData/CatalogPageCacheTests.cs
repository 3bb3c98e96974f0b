using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Metrology.Core.Recipes;
using Metrology.Core.Tenants;
using Metrology.Excel;
using Metrology.ReferenceData.Import;
using Metrology.ReferenceData.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.ReferenceData;

/// <summary>
/// The public catalog search is output cached per tenant, search and page (ADR 0013) and searched in memory
/// (<see cref="Metrology.ReferenceData.CatalogSearch"/>): an import, an edit, a removal or a recipe shows at once, tenants
/// never share an entry, a signed-in visitor never gets one. A response served from the cache carries an <c>Age</c> header.
/// </summary>
public sealed class CatalogPageCacheTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private TenantSettings _other = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("CatCache");
        _other = await site.CreateTenantAsync("CatCache");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> InTenantAsync<T>(TenantSettings tenant, Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => result = await work(s));
        return result;
    }

    private static async Task<(bool Cached, string Results)> SearchAsync(TestBrowser browser, string prefix, string q, int? page = null)
    {
        using var response = await browser.GetAsync($"{prefix}/catalog?q={Uri.EscapeDataString(q)}{(page is null ? "" : "&p=" + page)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await TestBrowser.ParseAsync(response);
        return (response.Headers.Age is not null, document.QuerySelector("#catalog-results")!.TextContent);
    }

    private async Task<TestBrowser> AdminAsync()
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        return browser;
    }

    [Fact]
    public async Task An_imported_item_shows_at_once_on_a_cached_search()
    {
        using var visitor = site.Browser();
        Assert.DoesNotContain("缓存测试秤", (await SearchAsync(visitor, Prefix, "缓存测试")).Results);
        Assert.True((await SearchAsync(visitor, Prefix, "缓存测试")).Cached);

        using var admin = await AdminAsync();
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [new SheetData("导入", CatalogSheet.Columns, [["T7001", "缓存测试秤", "电子秤", null, "V", "1", "12", "4", null, null, null, "是"]])]);
        var imported = await admin.SubmitAsync(Prefix + "/admin/catalog", new Dictionary<string, string>(), "form[enctype='multipart/form-data']",
            new Dictionary<string, (string, byte[])> { ["Workbook"] = ("导入.xlsx", buffer.ToArray()) });
        Assert.Contains("已导入 1 行", (await TestBrowser.ParseAsync(imported)).QuerySelector("#import-report")!.TextContent);

        var after = await SearchAsync(visitor, Prefix, "缓存测试");
        Assert.False(after.Cached);
        Assert.Contains("缓存测试秤", after.Results);
    }

    [Fact]
    public async Task An_edited_or_removed_item_shows_at_once()
    {
        var id = await InTenantAsync(_tenant, s => s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<CatalogItem>()
            .Where(i => i.Code == "S0901").Select(i => i.Id).SingleAsync());
        using var visitor = site.Browser();
        await SearchAsync(visitor, Prefix, "血压");
        Assert.True((await SearchAsync(visitor, Prefix, "血压")).Cached);

        using var admin = await AdminAsync();
        var edited = await admin.SubmitAsync($"{Prefix}/admin/catalog/edit?id={id}", new Dictionary<string, string> { ["Input.Name"] = "无创自动测量血压计（已改名）" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var after = await SearchAsync(visitor, Prefix, "血压");
        Assert.False(after.Cached);
        Assert.Contains("无创自动测量血压计（已改名）", after.Results);
        Assert.True((await SearchAsync(visitor, Prefix, "血压")).Cached);

        // A new item, removed again through the list's delete button.
        var added = await admin.SubmitAsync($"{Prefix}/admin/catalog/edit", new Dictionary<string, string>
        {
            ["Input.Code"] = "T7002", ["Input.Name"] = "待删除血压表", ["Input.Group"] = "血压计", ["Input.PeriodMonths"] = "12",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("待删除血压表", (await SearchAsync(visitor, Prefix, "血压")).Results);
        var newId = await InTenantAsync(_tenant, s => s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<CatalogItem>()
            .Where(i => i.Code == "T7002").Select(i => i.Id).SingleAsync());
        var removed = await admin.SubmitAsync($"{Prefix}/admin/catalog?q=T7002", new Dictionary<string, string>(), $"form[action*='id={newId}']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var gone = await SearchAsync(visitor, Prefix, "血压");
        Assert.False(gone.Cached);
        Assert.DoesNotContain("待删除血压表", gone.Results);
    }

    [Fact]
    public async Task A_recipe_step_shows_at_once()
    {
        using var visitor = site.Browser();
        await SearchAsync(visitor, Prefix, "食谱测试");
        Assert.True((await SearchAsync(visitor, Prefix, "食谱测试")).Cached);

        using var step = JsonDocument.Parse("""
            { "name": "Catalog", "Items": [{ "Code": "T7003", "Name": "食谱测试流量计", "Group": "流量计", "Marking": "V", "Mode": "1", "PeriodMonths": "12", "Usages": "4", "IsSample": true }] }
            """);
        await InTenantAsync(_tenant, async s =>
        {
            var handler = s.GetServices<IRecipeStepHandler>().Single(h => h.Name == "Catalog");
            await handler.ExecuteAsync(new RecipeStepContext("test", 1, "Catalog", step.RootElement, s));
            return true;
        });

        var after = await SearchAsync(visitor, Prefix, "食谱测试");
        Assert.False(after.Cached);
        Assert.Contains("食谱测试流量计", after.Results);
    }

    [Fact]
    public async Task Tenants_never_share_an_entry_and_a_change_evicts_only_its_tenants()
    {
        var otherPrefix = "/" + _other.RequestUrlPrefix;
        using var visitor = site.Browser();
        await SearchAsync(visitor, Prefix, "加油");
        Assert.True((await SearchAsync(visitor, Prefix, "加油")).Cached);
        var theirs = await SearchAsync(visitor, otherPrefix, "加油");
        Assert.False(theirs.Cached); // the same search in another tenant is another entry
        Assert.True((await SearchAsync(visitor, otherPrefix, "加油")).Cached);

        await InTenantAsync(_tenant, async s =>
        {
            var item = new CatalogItem { Code = "T7004", Name = "本租户加油机", Group = "燃油加油机", Marking = ControlMarking.V, Mode = VerificationMode.Periodic, PeriodMonths = 6 };
            await s.GetRequiredService<Metrology.ReferenceData.CatalogService>().SaveAsync(item);
            return true;
        });
        var mine = await SearchAsync(visitor, Prefix, "加油");
        Assert.False(mine.Cached);
        Assert.Contains("本租户加油机", mine.Results);
        var stillTheirs = await SearchAsync(visitor, otherPrefix, "加油");
        Assert.True(stillTheirs.Cached);
        Assert.DoesNotContain("本租户加油机", stillTheirs.Results);
    }

    [Fact]
    public async Task Each_search_and_page_is_its_own_entry_and_a_signed_in_visitor_never_gets_one()
    {
        using var visitor = site.Browser();
        await SearchAsync(visitor, Prefix, "");
        await SearchAsync(visitor, Prefix, "", 2);
        var first = await SearchAsync(visitor, Prefix, "");
        var second = await SearchAsync(visitor, Prefix, "", 2);
        Assert.True(first.Cached && second.Cached);
        Assert.NotEqual(first.Results, second.Results); // 32 items: two pages of 30
        var water = await SearchAsync(visitor, Prefix, "水表");
        Assert.False(water.Cached);
        Assert.Contains("水表", water.Results);
        Assert.DoesNotContain("血压计", water.Results);

        using var admin = await AdminAsync();
        for (var i = 0; i < 2; i++) Assert.False((await SearchAsync(admin, Prefix, "")).Cached);
    }

    [Fact]
    public async Task The_search_matches_a_code_in_any_case_and_says_so_when_nothing_is_found()
    {
        using var visitor = site.Browser();
        Assert.Contains("无创自动测量血压计", (await SearchAsync(visitor, Prefix, "s0901")).Results);
        var page = await visitor.GetDocumentAsync($"{Prefix}/catalog?q={Uri.EscapeDataString("不存在的器具")}");
        Assert.Empty(page.QuerySelectorAll("#catalog-results .card"));
        Assert.Contains("没有找到“不存在的器具”", page.QuerySelector(".alert-info")!.TextContent);
    }
}
