using Metrology.Core.Tenants;
using Metrology.Tests.Browser;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
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
        await BrowserSiteFactory.SubmitSignInAsync(page, site.BaseUrl + "/zhaoqing/admin", "button[type=submit]");
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

    [Fact]
    public async Task A_staff_member_builds_the_filing_workflow_from_lists_and_chips_and_the_right_message_is_queued()
    {
        var tenant = site.Services.GetRequiredService<TenantRegistry>().Find("zhaoqing")!;
        var t = new WorkflowTenant(site, tenant);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await t.CreateUserAsync("wf" + tag, "Designer2026pw", ("流程设计员" + tag, ["AccessAdminPanel", "ManageWorkflows"]));
        await t.CreateUserAsync("qj" + tag, "Qiangjian2026pw", ("强检室", []));
        var page = await site.DesktopPageAsync();
        page.Dialog += (_, d) => d.AcceptAsync();
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/login");
        await page.FillAsync("#Input_UserName", "wf" + tag);
        await page.FillAsync("#Input_Password", "Designer2026pw");
        await BrowserSiteFactory.SubmitSignInAsync(page, site.BaseUrl + "/zhaoqing/admin", "button[type=submit]");

        Task Reload(Func<Task> action) => page.RunAndWaitForResponseAsync(action, r => r.Request.Method == "GET" && r.Url.Contains("/admin/workflows/edit/"));
        var name = "备案提交通知 " + tag;
        await page.GotoAsync(site.BaseUrl + "/zhaoqing/admin/workflows");
        await page.FillAsync("#create-type #Name", name);
        await Reload(() => page.ClickAsync("#create-type button"));

        // Picked from the list: the event, the condition, a role notice on 是, an SMS on 否 (connected to the step chosen as "after").
        await Reload(() => page.ClickAsync("#add-activity button:has-text('强检备案申请已提交')"));
        await Reload(() => page.ClickAsync("#add-activity button:has-text('条件判断')"));
        await Reload(() => page.ClickAsync("#add-activity button:has-text('站内通知角色')"));
        await page.SelectOptionAsync("#after", new SelectOptionValue { Label = "条件判断" });
        await Reload(() => page.ClickAsync("#add-activity button:has-text('发送短信')"));
        await page.SelectOptionAsync("#after", new SelectOptionValue { Label = "站内通知角色" });
        await Reload(() => page.ClickAsync("#add-activity button:has-text('结束')"));

        var condition = page.Locator("form.wf-activity").Nth(1);
        await condition.Locator("select[name='S.Condition.Path']").First.SelectOptionAsync(new SelectOptionValue { Label = "器具用途" });
        await condition.Locator("select[name='S.Condition.Value']").First.SelectOptionAsync(new SelectOptionValue { Label = "医疗卫生" });
        Assert.Equal("当 器具用途 等于 “医疗卫生” 时走“是”，否则走“否”。", await condition.Locator(".wf-readback").InnerTextAsync());
        await Reload(() => condition.Locator("button:has-text('应用')").ClickAsync());

        var notify = page.Locator("form.wf-activity").Nth(2);
        await notify.Locator("select[name='S.Role']").SelectOptionAsync(new SelectOptionValue { Label = "强检室" });
        await notify.Locator("[id$='-Subject'] + .wf-chip-editor").FillAsync("医疗卫生器具备案：");
        await notify.Locator(".wf-insert[data-for$='-Subject'] button:has-text('企业名称')").ClickAsync();
        Assert.Equal("企业名称", await notify.Locator(".wf-chip-editor .wf-chip").First.InnerTextAsync());
        await Reload(() => notify.Locator("button:has-text('应用')").ClickAsync());

        var sms = page.Locator("form.wf-activity").Nth(3);
        await sms.GetByLabel("发给企业联系人（申请企业，或内容所属企业）").CheckAsync();
        await sms.Locator("[id$='-Text'] + .wf-chip-editor").FillAsync("您的强检备案申请已收到，申请企业：");
        await sms.Locator(".wf-insert[data-for$='-Text'] button:has-text('企业名称')").ClickAsync();
        Assert.Equal("预览：您的强检备案申请已收到，申请企业：肇庆市示例电子有限公司（共 28 字，按 1 条短信计费）", await sms.Locator(".wf-insert[data-for$='-Text'] + .wf-preview").InnerTextAsync());
        await Reload(() => sms.Locator("button:has-text('应用')").ClickAsync());

        // Connect both outcomes by the lists (dragging a port on the canvas proved timing-sensitive in headless Chromium under load).
        var smsId = await page.Locator("form.wf-activity").Nth(3).GetAttributeAsync("data-id");
        var endId = await page.Locator("form.wf-activity").Nth(4).GetAttributeAsync("data-id");
        await page.SelectOptionAsync("#from", new SelectOptionValue { Label = "发送短信 → 已发送" });
        await page.SelectOptionAsync("#to", new SelectOptionValue { Label = "结束" });
        await Reload(() => page.ClickAsync("#connect button"));
        Assert.Equal(1, await page.Locator($"svg g.wf-edge[data-from='{smsId}'][data-outcome='Done'][data-to='{endId}']").CountAsync());
        await page.SelectOptionAsync("#from", new SelectOptionValue { Label = "发送短信 → 失败" });
        await page.SelectOptionAsync("#to", new SelectOptionValue { Label = "结束" });
        await Reload(() => page.ClickAsync("#connect button"));
        await Reload(() => page.ClickAsync("#layout button"));
        await Reload(() => page.ClickAsync("button:has-text('检查并保存为新版本')"));
        Assert.Equal(0, await page.Locator("#validation-errors").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSiteFactory.Screenshot("workflow-designer-staff"), FullPage = true });

        await page.GotoAsync(site.BaseUrl + "/zhaoqing/admin/workflows?q=" + Uri.EscapeDataString(name));
        await page.RunAndWaitForResponseAsync(() => page.Locator("#workflow-types tr", new() { HasText = name }).Locator("button:has-text('启用')").ClickAsync(), r => r.Request.Method == "GET");

        var enterprise = "肇庆市设计器测试公司" + tag;
        object Payload(int usage, string mobile) => new
        {
            Id = "f" + tag, enterprise = new { name = enterprise, id = 1 },
            filing = new { number = "BA" + tag, institution = "肇庆市质量计量监督检测所", lineCount = 1, usages = new[] { usage } },
            ContactMobile = mobile, Url = "/admin/filings/f" + tag,
        };
        await t.TriggerAsync("FilingSubmitted", Payload(2, "13700000011"), "filing:m" + tag);
        await t.TriggerAsync("FilingSubmitted", Payload(4, "13700000012"), "filing:t" + tag);

        var inbox = await t.RunAsync(s => s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<Metrology.Workflows.Models.WorkflowMessage>()
            .Where(m => m.Subject == "医疗卫生器具备案：" + enterprise).CountAsync());
        Assert.True(inbox >= 1, "the 强检室 users got no notice");
        var messages = await t.RunAsync(s => s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<Metrology.Notifications.Models.NotificationMessage>()
            .Where(m => m.Body.Contains(enterprise)).Select(m => new { m.Recipient, m.Body }).ToListAsync());
        var message = Assert.Single(messages);
        Assert.Equal(("13700000012", "您的强检备案申请已收到，申请企业：" + enterprise), (message.Recipient, message.Body));
    }
}
