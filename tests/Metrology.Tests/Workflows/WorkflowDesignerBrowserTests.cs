using Metrology.Core.Tenants;
using Metrology.Tests.Browser;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Metrology.Tests.Workflows;

/// <summary>The designer in a real browser: dragging an activity moves it (script allowed by the CSP), and on a phone the page fits.</summary>
public sealed class WorkflowDesignerBrowserTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    private async Task<string> SeedAsync()
    {
        var tenant = site.Services.GetRequiredService<TenantRegistry>().Find("zhaoqing")!;
        var t = new WorkflowTenant(site, tenant);
        var type = await t.ImportAsync(new Flow("浏览器设计器").Start("e", "DomainEvent", new { EventName = "BrowserDesign" })
            .Add("set", "SetProperty", new { Name = "a", Value = "b" })
            .Add("end", "Finish").Connect("e", "Done", "set").Connect("set", "Done", "end").Build(enabled: false));
        return type.Id;
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/login");
        await page.FillAsync("#Input_UserName", "admin");
        await page.FillAsync("#Input_Password", SiteFactory.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(site.BaseUrl + "/zhaoqing/admin");
    }

    [Fact]
    public async Task Dragging_an_activity_on_the_diagram_saves_its_new_position()
    {
        var id = await SeedAsync();
        var page = await site.DesktopPageAsync();
        await SignInAsync(page);
        await page.GotoAsync($"{site.BaseUrl}/zhaoqing/admin/workflows/edit/{id}");
        var node = page.Locator("svg g.wf-node[data-id=set]");
        var before = await node.GetAttributeAsync("transform");
        var box = (await node.BoundingBoxAsync())!;

        await page.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 80, box.Y + 60, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + 140, box.Y + 100, new MouseMoveOptions { Steps = 5 });
        // The drop posts the position; the answer redirects back to the designer, which draws it there.
        await page.RunAndWaitForResponseAsync(() => page.Mouse.UpAsync(), r => r.Request.Method == "GET" && r.Url.EndsWith("/edit/" + id));
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        var after = await page.Locator("svg g.wf-node[data-id=set]").GetAttributeAsync("transform");
        Assert.NotEqual(before, after);
        Assert.Contains("有未保存的修改", await page.InnerTextAsync("main"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("workflow-designer-desktop"), FullPage = true });
    }

    [Fact]
    public async Task On_a_phone_the_designer_fits_the_screen_and_the_diagram_scrolls_inside_its_box()
    {
        var id = await SeedAsync();
        var page = await site.PhonePageAsync();
        await SignInAsync(page);
        await page.GotoAsync($"{site.BaseUrl}/zhaoqing/admin/workflows/edit/{id}");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        Assert.True(await page.IsVisibleAsync("form[action*='handler=Save'] button"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("workflow-designer-phone"), FullPage = true });
    }

    [Fact]
    public async Task The_instance_page_draws_the_path_taken_and_where_the_instance_waits()
    {
        var tenant = site.Services.GetRequiredService<TenantRegistry>().Find("zhaoqing")!;
        var t = new WorkflowTenant(site, tenant);
        var type = await t.ImportAsync(new Flow("浏览器实例").Start("e", "DomainEvent", new { EventName = "BrowserInstance" })
            .Add("if", "IfElse", new { Condition = new { Combine = "and", Clauses = new[] { new { Path = "input.Kind", Operator = "eq", Value = "水表" } } } })
            .Add("wait", "UserTask", new { Actions = new[] { "通过" }, Roles = new[] { "业务室" } })
            .Add("log", "Log", new { Text = "非水表" })
            .Add("end", "Finish")
            .Connect("e", "Done", "if").Connect("if", "True", "wait").Connect("if", "False", "log")
            .Connect("wait", "通过", "end").Connect("log", "Done", "end").Build());
        await t.TriggerAsync("BrowserInstance", new { Kind = "水表" }, "browser-1");
        var instance = await t.SingleInstanceAsync(type.Id);

        var page = await site.DesktopPageAsync();
        await SignInAsync(page);
        await page.GotoAsync($"{site.BaseUrl}/zhaoqing/admin/workflows/instance/{instance.Id}");

        Assert.Equal(["e", "if"], await page.Locator("svg g.wf-node.wf-ran").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.id)"));
        Assert.Equal("wait", await page.Locator("svg g.wf-node.wf-waiting").GetAttributeAsync("data-id"));
        Assert.Equal(0, await page.Locator("svg g.wf-node.wf-ran[data-id=log]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("workflow-instance-desktop"), FullPage = true });
    }
}
