using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Core.Data;
using Metrology.Core.Notifications;
using Metrology.Notifications.Models;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Workflows;

/// <summary>The designer as staff use it: events, fields, values and templates chosen from lists in Chinese; problems marked on the canvas.</summary>
public sealed class WorkflowDesignerTests(SiteFactory site) : IAsyncLifetime
{
    private WorkflowTenant _t = null!;

    public async ValueTask InitializeAsync()
    {
        _t = await WorkflowTenant.CreateAsync(site, "WfDesign");
        await _t.CreateUserAsync("designer", "Designer2026pw", ("流程设计", ["AccessAdminPanel", "ManageWorkflows"]));
        await _t.CreateUserAsync("qiangjian", "Qiangjian2026pw", ("强检室", []));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<string> RedirectedIdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"answered {(int)response.StatusCode}: {await TestBrowser.ErrorsOfAsync(response)}");
        return TestBrowser.Location(response).Split('/').Last().Split('?')[0];
    }

    private static async Task OkAsync(Task<HttpResponseMessage> post)
    {
        var response = await post;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"answered {(int)response.StatusCode}: {await TestBrowser.ErrorsOfAsync(response)}");
    }

    public static object FilingPayload(int usage, string mobile) => new
    {
        Id = "f1",
        enterprise = new { name = "肇庆市示例电子有限公司", id = 1 },
        filing = new { number = "BA2026000001", institution = "肇庆市质量计量监督检测所", lineCount = 1, acceptedCount = 0, rejectedCount = 0, approved = false, usages = new[] { usage } },
        reason = "",
        ContactMobile = mobile,
        Email = "a@example.com",
        Url = "/admin/filings/f1",
    };

    [Fact]
    public async Task Staff_build_the_filing_workflow_from_lists_and_the_right_message_is_queued_for_each_branch()
    {
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var id = await RedirectedIdAsync(await staff.SubmitAsync(_t.Prefix + "/admin/workflows", new Dictionary<string, string> { ["Name"] = "备案提交通知" }, "#create-type"));
        var designer = $"{_t.Prefix}/admin/workflows/edit/{id}";

        // The picker: Chinese names in the product's groups, the enabled features' events chosen, never typed.
        var page = await staff.GetDocumentAsync(designer);
        var filing = page.QuerySelectorAll<IHtmlButtonElement>("#add-activity button[name=item]").Single(b => b.Value == "DomainEvent:FilingSubmitted");
        Assert.Contains("强检备案申请已提交", filing.TextContent);
        Assert.Equal("备案", filing.Closest(".wf-picker-group")!.QuerySelector(".fw-semibold")!.TextContent);
        var groups = page.QuerySelectorAll(".wf-picker-group > div:first-child").Select(g => g.TextContent).ToList();
        Assert.Equal(["内容", "企业", "备案", "约检", "检定", "证书", "定时", "通知", "流程控制"], groups);

        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "DomainEvent:FilingSubmitted" }, "#add-activity"));
        string[] Ids(AngleSharp.Dom.IDocument d) => d.QuerySelectorAll("form.wf-activity input[name=activityId]").Select(i => i.GetAttribute("value")!).ToArray();
        var start = Ids(await staff.GetDocumentAsync(designer))[0];
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "IfElse:", ["after"] = start }, "#add-activity"));
        var @if = Ids(await staff.GetDocumentAsync(designer))[1];
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "NotifyRole:", ["after"] = @if }, "#add-activity"));
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "SendSms:", ["after"] = @if }, "#add-activity"));
        var ids = Ids(await staff.GetDocumentAsync(designer));
        var (notify, sms) = (ids[2], ids[3]);
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["item"] = "Finish:", ["after"] = notify }, "#add-activity"));
        var end = Ids(await staff.GetDocumentAsync(designer))[4];
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["from"] = $"{sms}:Done", ["to"] = end }, "#connect"));
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["from"] = $"{sms}:Failed", ["to"] = end }, "#connect"));

        // The condition: the event's fields with Chinese labels, and a code list for usage.
        page = await staff.GetDocumentAsync(designer);
        var path = page.QuerySelector<IHtmlSelectElement>($"#activity-{@if} select[name='S.Condition.Path']")!;
        Assert.Contains(path.Options, o => o.Value == "input.filing.usages" && o.Text == "器具用途");
        Assert.Contains(path.Options, o => o.Text == "驳回数");
        Assert.Contains(path.Options, o => o.Text == "检定机构");
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["S.Condition.Path"] = "input.filing.usages", ["S.Condition.Operator"] = "eq", ["S.Condition.Value"] = "2" }, $"#activity-{@if}"));
        page = await staff.GetDocumentAsync(designer);
        Assert.Equal("当 器具用途 等于 “医疗卫生” 时走“是”，否则走“否”。", page.QuerySelector($"#activity-{@if} .wf-readback")!.TextContent);
        var value = page.QuerySelector<IHtmlSelectElement>($"#activity-{@if} select[name='S.Condition.Value']")!;
        Assert.Equal(["安全防护", "医疗卫生", "环境监测", "贸易结算"], value.Options.Select(o => o.Text));
        Assert.Contains(page.QuerySelectorAll($"#activity-{@if} .wf-insert button, #activity-{notify} .wf-insert button"), b => b.TextContent == "企业名称");
        Assert.Contains(page.QuerySelectorAll<IHtmlOptionElement>($"#activity-{sms} select[name='S.TemplateKind'] option"), o => o.Value == "FilingResult" && o.Text == "强检备案审核结果");

        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["S.Role"] = "强检室", ["S.Subject"] = "医疗卫生器具备案：{{input.enterprise.name}}" }, $"#activity-{notify}"));
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["S.ToItemOwner"] = "true", ["S.Text"] = "{{input.enterprise.name}}：您的强检备案申请 {{input.filing.number}} 已收到。" }, $"#activity-{sms}"));
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string>(), "form[action*='handler=Save']"));
        var list = await staff.GetDocumentAsync(_t.Prefix + "/admin/workflows");
        await OkAsync(staff.PostFormAsync(list.QuerySelectorAll<IHtmlFormElement>("#workflow-types form").First(f => f.Action.Contains("handler=Enable") && f.Action.Contains(id)), new Dictionary<string, string>()));

        await _t.TriggerAsync("FilingSubmitted", FilingPayload(2, "13900000001"), "filing:a");
        await _t.TriggerAsync("FilingSubmitted", FilingPayload(4, "13900000002"), "filing:b");

        var inbox = await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<WorkflowMessage>().AsNoTracking().Where(m => m.Subject.StartsWith("医疗卫生")).Select(m => m.Subject).ToListAsync());
        Assert.Equal(["医疗卫生器具备案：肇庆市示例电子有限公司"], inbox);
        var queued = await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking().Where(m => m.Recipient.StartsWith("139")).ToListAsync());
        var message = Assert.Single(queued);
        Assert.Equal((NotificationChannel.Sms, "13900000002", "肇庆市示例电子有限公司：您的强检备案申请 BA2026000001 已收到。"), (message.Channel, message.Recipient, message.Body));
    }

    [Fact]
    public async Task Saving_names_the_activity_without_a_recipient_and_marks_it_on_the_canvas()
    {
        var type = await _t.ImportAsync(new Flow("缺收件人").Start("e", "DomainEvent", new { EventName = "FilingSubmitted" })
            .Add("sms", "SendSms", new { To = "13800000000", Text = "您好" }).Add("end", "Finish")
            .Connect("e", "Done", "sms").Connect("sms", "Done", "end").Connect("sms", "Failed", "end").Build(enabled: false));
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var designer = $"{_t.Prefix}/admin/workflows/edit/{type.Id}";
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string> { ["S.To"] = "" }, "#activity-sms"));
        var refused = await staff.SubmitAsync(designer, new Dictionary<string, string>(), "form[action*='handler=Save']");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestBrowser.ParseAsync(refused);
        Assert.Contains("活动「发送短信」：没有选择收件人。", page.QuerySelector("#validation-errors")!.TextContent);
        Assert.Equal(["sms"], page.QuerySelectorAll("svg g.wf-node.wf-invalid").Select(n => n.GetAttribute("data-id")));
        Assert.Contains("没有选择收件人", page.QuerySelector("#activity-sms .wf-problems")!.TextContent);
    }

    [Fact]
    public async Task Auto_layout_puts_each_step_in_its_own_row_and_branches_side_by_side()
    {
        var type = await _t.ImportAsync(new Flow("排列").Start("e", "DomainEvent", new { EventName = "WorkflowTest" })
            .Add("if", "IfElse", new { Condition = new { Combine = "and", Clauses = new[] { new { Path = "input.a", Operator = "eq", Value = "1" } } } })
            .Add("yes", "Log", new { Text = "是" }).Add("no", "Log", new { Text = "否" }).Add("end", "Finish")
            .Connect("e", "Done", "if").Connect("if", "True", "yes").Connect("if", "False", "no").Connect("yes", "Done", "end").Connect("no", "Done", "end").Build(enabled: false));
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var designer = $"{_t.Prefix}/admin/workflows/edit/{type.Id}";
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string>(), "#layout"));
        var page = await staff.GetDocumentAsync(designer);
        string At(string node) => page.QuerySelector($"svg g.wf-node[data-id={node}]")!.GetAttribute("transform")!;
        Assert.Equal(["translate(40,40)", "translate(40,160)", "translate(40,280)", "translate(240,280)", "translate(40,400)"], new[] { "e", "if", "yes", "no", "end" }.Select(At));
    }

    [Fact]
    public async Task Undo_takes_back_the_last_changes_one_at_a_time()
    {
        var type = await _t.ImportAsync(new Flow("撤销").Start("e", "DomainEvent", new { EventName = "WorkflowTest" })
            .Add("log", "Log", new { Text = "一" }).Add("end", "Finish").Connect("e", "Done", "log").Connect("log", "Done", "end").Build(enabled: false));
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var designer = $"{_t.Prefix}/admin/workflows/edit/{type.Id}";
        async Task<string> TitleAsync() => (await staff.GetDocumentAsync(designer)).QuerySelector("#activity-log h2")!.TextContent.Trim();
        Assert.True((await staff.GetDocumentAsync(designer)).QuerySelector("#undo button")!.HasAttribute("disabled"));

        var rename = new Dictionary<string, string> { ["title"] = "第一次" };
        await OkAsync(staff.SubmitAsync(designer, rename, "#activity-log"));
        rename["title"] = "第二次";
        await OkAsync(staff.SubmitAsync(designer, rename, "#activity-log"));
        Assert.Equal("第二次", await TitleAsync());

        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string>(), "#undo"));
        Assert.Equal("第一次", await TitleAsync());
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string>(), "#undo"));
        Assert.NotEqual("第一次", await TitleAsync());
        Assert.True((await staff.GetDocumentAsync(designer)).QuerySelector("#undo button")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Each_version_says_what_changed_against_the_one_before()
    {
        Flow Graph(bool second)
        {
            var flow = new Flow("版本比较").Start("e", "DomainEvent", new { EventName = "WorkflowTest" }).Add("log", "Log", new { Text = second ? "二" : "一" }).Add("end", "Finish");
            return second
                ? flow.Add("mark", "SetProperty", new { Name = "v", Value = "2" }).Connect("e", "Done", "log").Connect("log", "Done", "mark").Connect("mark", "Done", "end")
                : flow.Connect("e", "Done", "log").Connect("log", "Done", "end");
        }
        var type = await _t.ImportAsync(Graph(false).Build(enabled: false));
        var next = Graph(true).Build(enabled: false);
        next.Id = type.Id;
        await _t.ImportAsync(next);
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var changes = (await staff.GetDocumentAsync($"{_t.Prefix}/admin/workflows/edit/{type.Id}")).QuerySelectorAll("#versions .version-changes").Select(c => c.TextContent.Trim()).ToList();
        var latest = Assert.Single(changes);
        Assert.Contains("新增「", latest);
        Assert.Contains("的设置", latest);
        Assert.Contains("新增 2 条、删除 1 条连线", latest);
    }

    [Fact]
    public async Task The_recipes_workflows_open_as_diagrams_with_Chinese_labels()
    {
        using var admin = await _t.LoginAsync("admin", SiteFactory.AdminPassword);
        var list = await admin.GetDocumentAsync(_t.Prefix + "/admin/workflows");
        var links = list.QuerySelectorAll<IHtmlAnchorElement>("#workflow-types a[href*='/admin/workflows/edit/']").Select(a => a.PathName).Distinct().ToList();
        Assert.NotEmpty(links);
        var titles = new List<string>();
        foreach (var link in links)
        {
            var page = await admin.GetDocumentAsync(link);
            var svg = page.QuerySelector("svg.wf-draggable")!;
            Assert.NotEmpty(svg.QuerySelectorAll("g.wf-node"));
            // No identifiers on the canvas: event names, outcomes and kinds are shown in Chinese.
            Assert.DoesNotMatch("[A-Za-z]{3,}", string.Join(" ", svg.QuerySelectorAll("text").Select(t => t.TextContent)));
            titles.AddRange(svg.QuerySelectorAll("g.wf-node > text:first-of-type").Select(t => t.TextContent));
        }
        Assert.Contains("企业注册申请已提交", titles);
    }

    [Fact]
    public async Task A_dry_run_on_a_real_filing_draws_the_path_and_the_message_and_sends_nothing()
    {
        var type = await _t.ImportAsync(new Flow("试运行备案").Start("e", "DomainEvent", new { EventName = "FilingSubmitted" })
            .Add("if", "IfElse", new { Condition = new { Combine = "and", Clauses = new[] { new { Path = "input.filing.usages", Operator = "eq", Value = "2" } } } })
            .Add("notify", "NotifyRole", new { Role = "强检室", Subject = "医疗卫生器具备案：{{input.enterprise.name}}" })
            .Add("sms", "SendSms", new { ToItemOwner = true, Text = "{{input.enterprise.name}}：备案 {{input.filing.number}} 已收到。" })
            .Add("end", "Finish")
            .Connect("e", "Done", "if").Connect("if", "True", "notify").Connect("if", "False", "sms")
            .Connect("notify", "Done", "end").Connect("sms", "Done", "end").Connect("sms", "Failed", "end").Build());
        async Task<(int, int, int)> CountsAsync() => await _t.RunAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            return (await db.Set<WorkflowInstance>().CountAsync(i => i.WorkflowTypeId == type.Id), await db.Set<NotificationMessage>().CountAsync(), await db.Set<WorkflowMessage>().CountAsync());
        });
        var before = await CountsAsync();
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var designer = $"{_t.Prefix}/admin/workflows/edit/{type.Id}";

        var sample = (await staff.GetDocumentAsync(designer)).QuerySelectorAll<IHtmlOptionElement>("#dry-run select[name=sample] option").First(o => o.Value.Length > 0);
        Assert.Contains("台", sample.Text);
        var response = await staff.SubmitAsync(designer, new Dictionary<string, string> { ["sample"] = sample.Value }, "#dry-run");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        var steps = page.QuerySelectorAll("#dry-run-result li").Select(li => li.GetAttribute("data-id")).ToList();
        Assert.Equal("e", steps[0]);
        Assert.Equal("if", steps[1]);
        Assert.Equal("end", steps[^1]);
        var message = page.QuerySelector("#dry-run-result li[data-id=notify], #dry-run-result li[data-id=sms]")!.TextContent;
        Assert.Matches("将(站内通知角色「强检室」：医疗卫生器具备案：|发短信给企业联系人 .*：).+", message);
        Assert.Equal(["e", "if", steps[2]!], page.QuerySelectorAll("svg g.wf-node.wf-ran").Select(n => n.GetAttribute("data-id")!));
        Assert.Equal(before, await CountsAsync());

        // With the fields' sample values (usage 医疗卫生), the 是 path.
        page = await TestBrowser.ParseAsync(await staff.SubmitAsync(designer, new Dictionary<string, string> { ["sample"] = "" }, "#dry-run"));
        Assert.Contains("将站内通知角色「强检室」：医疗卫生器具备案：肇庆市示例电子有限公司", page.QuerySelector("#dry-run-result")!.TextContent);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_dry_run_of_a_content_workflow_offers_the_latest_items_of_its_type_and_sends_nothing()
    {
        var type = await _t.ImportAsync(new Flow("试运行内容").Start("e", "ContentPublished", new { ContentTypes = new[] { "Guide" } })
            .Add("log", "Log", new { Text = "已发布：{{input.DisplayText}}" }).Add("end", "Finish")
            .Connect("e", "Done", "log").Connect("log", "Done", "end").Build(enabled: false));
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var designer = $"{_t.Prefix}/admin/workflows/edit/{type.Id}";
        var options = (await staff.GetDocumentAsync(designer)).QuerySelectorAll<IHtmlOptionElement>("#dry-run select[name=sample] option").Where(o => o.Value.Length > 0).ToList();
        var guide = Assert.Single(options);
        Assert.StartsWith("办事指南：", guide.Text);

        var page = await TestBrowser.ParseAsync(await staff.SubmitAsync(designer, new Dictionary<string, string> { ["sample"] = guide.Value }, "#dry-run"));
        Assert.Equal(["e", "log", "end"], page.QuerySelectorAll("#dry-run-result li").Select(li => li.GetAttribute("data-id")!));
        Assert.Contains("已发布：" + guide.Text["办事指南：".Length..], page.QuerySelector("#dry-run-result li[data-id=log]")!.TextContent);
        Assert.Empty(await _t.InstancesAsync(type.Id));
    }

    [Fact]
    public async Task A_group_of_conditions_is_saved_from_the_form_read_back_in_Chinese_and_evaluated()
    {
        var type = await _t.ImportAsync(new Flow("条件组").Start("e", "DomainEvent", new { EventName = "FilingReviewed" })
            .Add("if", "IfElse", new { Condition = new { Combine = "and", Clauses = new[] { new { Path = "input.filing.usages", Operator = "eq", Value = "2" } } } })
            .Add("end", "Finish").Connect("e", "Done", "if").Connect("if", "True", "end").Connect("if", "False", "end").Build(enabled: false));
        using var staff = await _t.LoginAsync("designer", "Designer2026pw");
        var designer = $"{_t.Prefix}/admin/workflows/edit/{type.Id}";
        await OkAsync(staff.SubmitAsync(designer, new Dictionary<string, string>
        {
            ["S.Condition.Combine"] = "or",
            ["S.Condition.Groups[0].Combine"] = "and",
            ["S.Condition.Groups[0].Path"] = "input.filing.rejectedCount|input.filing.institution|",
            ["S.Condition.Groups[0].Operator"] = "gt|eq|eq",
            ["S.Condition.Groups[0].Value"] = "0|肇庆市质量计量监督检测所|",
        }, "#activity-if"));
        var page = await staff.GetDocumentAsync(designer);
        Assert.Equal("当 器具用途 等于 “医疗卫生” 或者 （驳回数 大于 “0” 并且 检定机构 等于 “肇庆市质量计量监督检测所”） 时走“是”，否则走“否”。",
            page.QuerySelector("#activity-if .wf-readback")!.TextContent);

        var draft = WorkflowDefinition.Parse((await _t.RunAsync(s => s.GetRequiredService<WorkflowTypeService>().FindAsync(type.Id)))!.DraftJson);
        var condition = ((Metrology.Workflows.Activities.IfElseSettings)new Metrology.Workflows.Activities.IfElseTask().SettingsOf(draft.Find("if")!)).Condition;
        JsonObject Model(int usage, int rejected, string institution) => new()
        {
            ["input"] = new JsonObject { ["filing"] = new JsonObject { ["usages"] = new JsonArray(usage), ["rejectedCount"] = rejected, ["institution"] = institution } },
        };
        Assert.True(condition.Evaluate(Model(2, 0, "别处")));
        Assert.True(condition.Evaluate(Model(4, 1, "肇庆市质量计量监督检测所")));
        Assert.False(condition.Evaluate(Model(4, 1, "别处")));
        Assert.False(condition.Evaluate(Model(4, 0, "肇庆市质量计量监督检测所")));
    }

    [Theory]
    [InlineData("eq", "2", true)]
    [InlineData("eq", "3", false)]
    [InlineData("ne", "2", false)]
    [InlineData("ne", "3", true)]
    [InlineData("notempty", null, true)]
    public void A_clause_on_a_list_of_codes_matches_when_any_code_does(string op, string? value, bool expected)
    {
        var model = new JsonObject { ["input"] = new JsonObject { ["filing"] = new JsonObject { ["usages"] = new JsonArray(1, 2) } } };
        Assert.Equal(expected, new Clause { Path = "input.filing.usages", Operator = op, Value = value }.Evaluate(model));
    }
}
