using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;

namespace Metrology.Tests.Workflows;

public sealed class WorkflowAdminTests(SiteFactory site) : IAsyncLifetime
{
    private WorkflowTenant _t = null!;

    public async ValueTask InitializeAsync()
    {
        _t = await WorkflowTenant.CreateAsync(site, "WfAdmin");
        await _t.CreateUserAsync("viewer", "Viewer2026pw", ("流程查看", ["AccessAdminPanel", "ViewWorkflowInstances"]));
        await _t.CreateUserAsync("staff", "Staff2026pw", ("职员", ["AccessAdminPanel"]));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<TestBrowser> AdminAsync() => _t.LoginAsync("admin", SiteFactory.AdminPassword);

    private static async Task<string> RedirectedIdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"answered {(int)response.StatusCode}: {await TestBrowser.ErrorsOfAsync(response)}");
        return TestBrowser.Location(response).Split('/').Last().Split('?')[0];
    }

    [Fact]
    public async Task The_designer_builds_a_graph_refuses_it_while_invalid_naming_the_activity_and_saves_a_version_once_valid()
    {
        using var admin = await AdminAsync();
        var id = await RedirectedIdAsync(await admin.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string> { ["Name"] = "设计器测试" }, "#create-type"));
        var designer = $"{_t.Prefix}/admin/workflows/edit/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "DomainEvent:WorkflowTest", ["title"] = "收到申请" }, "#add-activity")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "SetProperty:", ["title"] = "记下编号", ["after"] = "" }, "#add-activity")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "Finish:", ["title"] = "完成", ["after"] = "" }, "#add-activity")).StatusCode);

        var refused = await admin.SubmitAsync(designer, new Dictionary<string, string>(), "form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = (await TestBrowser.ParseAsync(refused)).QuerySelector("#validation-errors")!.TextContent;
        Assert.Contains("活动「收到申请」的结果「完成」没有连接到下一个活动", errors);
        Assert.Contains("活动「记下编号」无法到达", errors);
        Assert.Contains("活动「记下编号」：缺少必填设置「属性名」", errors);

        var page = await admin.GetDocumentAsync(designer);
        var ids = page.QuerySelectorAll("form.wf-activity input[name=activityId]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(3, ids.Count);
        Assert.NotNull(page.QuerySelector($"svg g.wf-node[data-id='{ids[0]}']"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string> { ["S.EventName"] = "Apply" }, $"#activity-{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string> { ["S.Name"] = "no", ["S.Value"] = "{{input.No}}" }, $"#activity-{ids[1]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string> { ["from"] = $"{ids[0]}:Done", ["to"] = ids[1] }, "#connect")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string> { ["from"] = $"{ids[1]}:Done", ["to"] = ids[2] }, "#connect")).StatusCode);

        var saved = await admin.SubmitAsync(designer, new Dictionary<string, string>(), "form[action*='handler=Save']");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(saved));
        var list = await admin.GetDocumentAsync(_t.Prefix + "/admin/workflows");
        var enable = list.QuerySelectorAll<IHtmlFormElement>("#workflow-types form").First(f => f.Action.Contains("handler=Enable") && f.Action.Contains(id));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(enable, new Dictionary<string, string>())).StatusCode);

        await _t.TriggerAsync("Apply", new { No = "B-7" }, "b7");
        var instance = await _t.SingleInstanceAsync(id);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("B-7", WorkflowTenant.Property(instance, "no"));
    }

    [Fact]
    public async Task A_faulted_instance_shows_its_error_and_the_path_and_is_restarted_from_the_admin()
    {
        var type = await _t.ImportAsync(new Flow("出错重跑").Start("e", "DomainEvent", new { EventName = "Fails" })
            .Add("notify", "NotifyRole", new { Role = "质检员", Subject = "请处理" })
            .Add("end", "Finish").Connect("e", "Done", "notify").Connect("notify", "Done", "end").Build());
        await _t.TriggerAsync("Fails", null, "f1");
        var instance = await _t.SingleInstanceAsync(type.Id);

        using var viewer = await _t.LoginAsync("viewer", "Viewer2026pw");
        var list = await viewer.GetDocumentAsync($"{_t.Prefix}/admin/workflows/instances/{type.Id}?status=Faulted");
        Assert.Single(list.QuerySelectorAll("#instances tbody a"));
        var details = await viewer.GetDocumentAsync($"{_t.Prefix}/admin/workflows/instance/{instance.Id}");
        Assert.Contains("角色「质检员」不存在", details.QuerySelector("#instance-error")!.TextContent);
        Assert.NotNull(details.QuerySelector("svg g.wf-node.wf-ran[data-id='e']"));
        Assert.NotNull(details.QuerySelector("svg g.wf-node.wf-failed[data-id='notify']"));
        Assert.Null(details.QuerySelector("form[action*='handler=Restart']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"{_t.Prefix}/admin/workflows/edit/{type.Id}")).StatusCode);

        await _t.CreateUserAsync("checker", "Checker2026pw", ("质检员", ["AccessAdminPanel"]));
        using var admin = await AdminAsync();
        var restarted = await admin.SubmitAsync($"{_t.Prefix}/admin/workflows/instance/{instance.Id}", new Dictionary<string, string>(), "form[action*='handler=Restart']");
        Assert.Equal(HttpStatusCode.Redirect, restarted.StatusCode);
        var after = await admin.GetDocumentAsync($"{_t.Prefix}/admin/workflows/instance/{instance.Id}");
        Assert.Equal("已完成", after.QuerySelector("#instance-status")!.TextContent);
        Assert.Contains("重新运行", after.QuerySelector("#instance-log")!.TextContent);

        var deleted = await admin.SubmitAsync($"{_t.Prefix}/admin/workflows/instance/{instance.Id}", new Dictionary<string, string>(), "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{_t.Prefix}/admin/workflows/instance/{instance.Id}")).StatusCode);
        Assert.Empty(await _t.InstancesAsync(type.Id));
    }

    [Fact]
    public async Task Types_are_duplicated_exported_and_imported_and_the_pages_need_their_permissions()
    {
        var type = await _t.ImportAsync(new Flow("导出测试").Start("e", "DomainEvent", new { EventName = "Export" })
            .Add("end", "Finish").Connect("e", "Done", "end").Build());
        using var admin = await AdminAsync();

        var export = await admin.GetAsync($"{_t.Prefix}/admin/workflows?handler=Export&id={type.Id}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var json = await export.Content.ReadAsStringAsync();
        var parsed = WorkflowTypeService.ParseExport(json);
        Assert.Equal("导出测试", parsed.Name);
        parsed.Id = null;
        parsed.Name = "导入的流程";
        var bytes = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(parsed, WorkflowJson.Options));
        var imported = await admin.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string>(), "#import-type", new Dictionary<string, (string, byte[])> { ["file"] = ("flow.json", bytes) });
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        var list = await admin.GetDocumentAsync(_t.Prefix + "/admin/workflows");
        var duplicate = list.QuerySelectorAll<IHtmlFormElement>("#workflow-types form").First(f => f.Action.Contains("handler=Duplicate") && f.Action.Contains(type.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(duplicate, new Dictionary<string, string>())).StatusCode);
        var names = (await admin.GetDocumentAsync(_t.Prefix + "/admin/workflows?q=导")).QuerySelectorAll("#workflow-types tbody td:first-child").Select(td => td.TextContent).ToList();
        Assert.Contains(names, n => n.Contains("导入的流程"));
        Assert.Contains(names, n => n.Contains("导出测试（副本）"));


        using var staff = await _t.LoginAsync("staff", "Staff2026pw");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(_t.Prefix + "/admin/workflows")).StatusCode);
        using var viewer = await _t.LoginAsync("viewer", "Viewer2026pw");
        var viewerList = await viewer.GetDocumentAsync(_t.Prefix + "/admin/workflows");
        Assert.Null(viewerList.QuerySelector("#create-type"));
        var token = viewerList.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? (await viewer.GetDocumentAsync(_t.Prefix + "/admin/workflows/instances/" + type.Id)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value ?? "";
        var forged = await viewer.Client.PostAsync($"{_t.Prefix}/admin/workflows?handler=Delete&id={type.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.NotNull(await _t.RunAsync(s => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WorkflowTypeService>(s).FindAsync(type.Id)));

        await _t.TriggerAsync("Export", null, "e1");
        Assert.Single(await _t.InstancesAsync(type.Id));
        var delete = (await admin.GetDocumentAsync(_t.Prefix + "/admin/workflows")).QuerySelectorAll<IHtmlFormElement>("#workflow-types form")
            .First(f => f.Action.Contains("handler=Delete") && f.Action.Contains(type.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(delete, new Dictionary<string, string>())).StatusCode);
        Assert.Null(await _t.RunAsync(s => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WorkflowTypeService>(s).FindAsync(type.Id)));
        Assert.Empty(await _t.InstancesAsync(type.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string> { ["RetentionDays"] = "0" }, "#retention")).StatusCode);
        Assert.Contains("保留天数应在 1 到 3650 之间", (await admin.GetDocumentAsync(_t.Prefix + "/admin/workflows")).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string> { ["RetentionDays"] = "15" }, "#retention")).StatusCode);
        var retention = (await admin.GetDocumentAsync(_t.Prefix + "/admin/workflows")).QuerySelector<IHtmlInputElement>("#retention input[name=RetentionDays]")!;
        Assert.Equal("15", retention.Value);
    }

    [Fact]
    public async Task Notified_users_see_the_unread_count_in_the_top_bar_and_read_their_messages()
    {
        await _t.CreateUserAsync("clerk", "Clerk2026pw", ("收发员", ["AccessAdminPanel"]));
        await _t.ImportAsync(new Flow("通知收发").Start("e", "DomainEvent", new { EventName = "Received" })
            .Add("notify", "NotifyRole", new { Role = "收发员", Subject = "收到器具 {{input.No}}", Body = "<b>{{input.Company}}</b>", Url = "/admin/messages" })
            .Add("end", "Finish").Connect("e", "Done", "notify").Connect("notify", "Done", "end").Build());
        await _t.TriggerAsync("Received", new { No = "Q-1", Company = "<i>肇庆</i>" });
        await _t.TriggerAsync("Received", new { No = "Q-2", Company = "端州" });

        using var clerk = await _t.LoginAsync("clerk", "Clerk2026pw");
        var home = await clerk.GetDocumentAsync(_t.Prefix + "/admin");
        Assert.Equal("2", home.QuerySelector("#inbox-unread")!.TextContent);
        var inbox = await clerk.GetDocumentAsync(_t.Prefix + "/admin/messages");
        Assert.Contains("收到器具 Q-1", inbox.QuerySelector("#messages")!.TextContent);
        Assert.Contains("&lt;i&gt;肇庆&lt;/i&gt;", inbox.QuerySelector("#messages")!.InnerHtml);
        Assert.Null(inbox.QuerySelector("#messages i"));

        using var staff = await _t.LoginAsync("staff", "Staff2026pw");
        Assert.Null((await staff.GetDocumentAsync(_t.Prefix + "/admin")).QuerySelector("#inbox-unread"));

        Assert.Equal(HttpStatusCode.Redirect, (await clerk.SubmitAsync(_t.Prefix + "/admin/messages", new Dictionary<string, string>(), "form[action*='handler=ReadAll']")).StatusCode);
        Assert.Null((await clerk.GetDocumentAsync(_t.Prefix + "/admin")).QuerySelector("#inbox-unread"));
    }

    [Fact]
    public async Task The_test_event_raised_from_the_list_starts_the_types_that_begin_with_it()
    {
        var type = await _t.ImportAsync(new Flow("试运行").Start("e", "DomainEvent", new { EventName = "WorkflowTest" })
            .Add("set", "SetProperty", new { Name = "no", Value = "{{input.No}}" })
            .Add("end", "Finish").Connect("e", "Done", "set").Connect("set", "Done", "end").Build());
        using var admin = await AdminAsync();

        var bad = await admin.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string> { ["payload"] = "[1,2]" }, "#test-event");
        Assert.Equal(HttpStatusCode.Redirect, bad.StatusCode);
        Assert.Empty(await _t.InstancesAsync(type.Id));

        var raised = await admin.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string> { ["correlationId"] = "t-1", ["payload"] = "{\"No\": \"试-9\"}" }, "#test-event");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Equal("试-9", WorkflowTenant.Property(await _t.SingleInstanceAsync(type.Id, "t-1"), "no"));
    }

    [Fact]
    public async Task The_designer_offers_the_sites_content_types_and_roles_for_the_settings_that_name_them()
    {
        using var admin = await AdminAsync();
        var id = await RedirectedIdAsync(await admin.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string> { ["Name"] = "选项测试" }, "#create-type"));
        var designer = $"{_t.Prefix}/admin/workflows/edit/{id}";
        await admin.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "ContentPublished:" }, "#add-activity");
        await admin.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "UserTask:", ["after"] = "" }, "#add-activity");
        var page = await admin.GetDocumentAsync(designer);
        var ids = page.QuerySelectorAll("form.wf-activity input[name=activityId]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.NotNull(page.QuerySelector($"#activity-{ids[0]} input[type=checkbox][name='S.ContentTypes'][value=Page]"));
        Assert.NotNull(page.QuerySelector($"#activity-{ids[1]} input[type=checkbox][name='S.Roles'][value=流程查看]"));

        await admin.SubmitAsync(designer, new Dictionary<string, string> { ["S.ContentTypes"] = "Page|News" }, $"#activity-{ids[0]}");
        await admin.SubmitAsync(designer, new Dictionary<string, string> { ["S.Roles"] = "职员", ["S.Actions"] = "同意\n不同意" }, $"#activity-{ids[1]}");

        var draft = WorkflowDefinition.Parse((await _t.RunAsync(s => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WorkflowTypeService>(s).FindAsync(id)))!.DraftJson);
        Assert.Equal("[\"Page\",\"News\"]", draft.Find(ids[0])!.Settings["ContentTypes"]!.ToJsonString());
        Assert.Equal("[\"职员\"]", draft.Find(ids[1])!.Settings["Roles"]!.ToJsonString(WorkflowJson.Options));
        Assert.Equal("[\"同意\",\"不同意\"]", draft.Find(ids[1])!.Settings["Actions"]!.ToJsonString(WorkflowJson.Options));
    }
}
