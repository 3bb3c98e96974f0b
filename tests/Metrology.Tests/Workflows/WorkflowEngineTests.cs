using Metrology.Core.Content;
using Metrology.Core.Data;
using Metrology.Tests.Contents;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Workflows;

public sealed class WorkflowEngineTests(SiteFactory site) : IAsyncLifetime
{
    private WorkflowTenant _t = null!;

    public async ValueTask InitializeAsync() => _t = await WorkflowTenant.CreateAsync(site, "Wf");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_domain_event_starts_an_enabled_type_whose_templates_read_the_payload()
    {
        var type = await _t.ImportAsync(new Flow("问候").Start("e", "DomainEvent", new { EventName = "Greet" })
            .Add("set", "SetProperty", new { Name = "greeting", Value = "你好，{{input.Name}}{{input.Missing}}！" })
            .Add("log", "Log", new { Text = "问候了 {{properties.greeting}}" })
            .Add("end", "Finish")
            .Connect("e", "Done", "set").Connect("set", "Done", "log").Connect("log", "Done", "end").Build());

        await _t.TriggerAsync("Greet", new { Name = "<张三>" }, "r-1");

        var instance = await _t.SingleInstanceAsync(type.Id);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("r-1", instance.CorrelationId);
        Assert.Equal("你好，<张三>！", WorkflowTenant.Property(instance, "greeting"));
        var log = await _t.LogAsync(instance.Id);
        Assert.Equal(["e", "set", "log", "end"], log.Select(l => l.ActivityId));
        Assert.Equal("问候了 你好，<张三>！", log[2].Message);
    }

    [Fact]
    public async Task A_disabled_type_or_another_event_starts_nothing()
    {
        var disabled = await _t.ImportAsync(new Flow("停用的流程").Start("e", "DomainEvent", new { EventName = "Quiet" })
            .Add("end", "Finish").Connect("e", "Done", "end").Build(enabled: false));

        await _t.TriggerAsync("Quiet");
        await _t.TriggerAsync("SomethingElse");

        Assert.Empty(await _t.InstancesAsync(disabled.Id));
    }

    [Fact]
    public async Task Content_events_start_after_the_commit_for_the_filtered_type_only_and_a_rolled_back_change_starts_nothing()
    {
        var type = await _t.ImportAsync(new Flow("新页面").Start("e", "ContentCreated", new { ContentTypes = new[] { "Page" } })
            .Add("set", "SetProperty", new { Name = "title", Value = "{{input.DisplayText}}" })
            .Add("end", "Finish").Connect("e", "Done", "set").Connect("set", "Done", "end").Build());

        await SaveAsync("News", "新闻不触发");
        await Assert.ThrowsAsync<InvalidOperationException>(() => SaveAsync("Page", FailingHandler.Marker));
        var id = await SaveAsync("Page", "流程测试页");

        var instance = await _t.SingleInstanceAsync(type.Id);
        Assert.Equal(id, instance.CorrelationId);
        Assert.Equal("流程测试页", WorkflowTenant.Property(instance, "title"));
    }

    private Task<string> SaveAsync(string type, string title) => _t.RunAsync(async s =>
    {
        var contents = s.GetRequiredService<ContentManager>();
        var item = await contents.NewAsync(type, "admin");
        item.SetText(ContentParts.Title, "Title", title);
        if (type == "News") item.SetField("Date", "2026-11-22");
        var result = await contents.SaveAsync(item, false, "admin");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        return result.Item!.ContentItemId;
    });

    [Theory]
    [InlineData("and", "99", "否")]
    [InlineData("and", "150", "是")]
    [InlineData("or", "99", "是")]
    public async Task If_else_follows_a_structured_condition_combined_with_and_or(string combine, string amount, string expected)
    {
        var name = $"金额判断-{combine}-{amount}";
        var type = await _t.ImportAsync(new Flow(name).Start("e", "DomainEvent", new { EventName = name })
            .Add("if", "IfElse", new
            {
                Condition = new
                {
                    Combine = combine,
                    Clauses = new[]
                    {
                        new { Path = "input.Amount", Operator = "gt", Value = "100" },
                        new { Path = "input.Kind", Operator = "eq", Value = "水表" },
                    },
                },
            })
            .Add("yes", "SetProperty", new { Name = "branch", Value = "是" })
            .Add("no", "SetProperty", new { Name = "branch", Value = "否" })
            .Add("end", "Finish")
            .Connect("e", "Done", "if").Connect("if", "True", "yes").Connect("if", "False", "no")
            .Connect("yes", "Done", "end").Connect("no", "Done", "end").Build());

        await _t.TriggerAsync(name, new { Amount = decimal.Parse(amount), Kind = "水表" });

        Assert.Equal(expected, WorkflowTenant.Property(await _t.SingleInstanceAsync(type.Id), "branch"));
    }

    [Fact]
    public async Task A_singleton_type_runs_one_instance_per_correlation_id_at_a_time()
    {
        var type = await _t.ImportAsync(new Flow("单实例").Start("e", "DomainEvent", new { EventName = "Single" })
            .Add("wait", "UserTask", new { Actions = new[] { "完成" }, Roles = new[] { "审核员" } })
            .Add("end", "Finish").Connect("e", "Done", "wait").Connect("wait", "完成", "end").Build(singleton: true));

        await _t.TriggerAsync("Single", null, "x");
        await _t.TriggerAsync("Single", null, "x");
        await _t.TriggerAsync("Single", null, "y");

        var instances = await _t.InstancesAsync(type.Id);
        Assert.Equal(["x", "y"], instances.Select(i => i.CorrelationId));
        Assert.All(instances, i => Assert.Equal(WorkflowStatus.Halted, i.Status));
    }

    [Fact]
    public async Task Editing_a_type_keeps_a_halted_instance_on_its_version_and_starts_new_ones_on_the_new_version()
    {
        Flow Version(string value) => new Flow("版本测试").Start("e", "DomainEvent", new { EventName = "Versioned" })
            .Add("wait", "UserTask", new { Actions = new[] { "通过" }, Roles = new[] { "审核员" } })
            .Add("set", "SetProperty", new { Name = "version", Value = value })
            .Add("end", "Finish").Connect("e", "Done", "wait").Connect("wait", "通过", "set").Connect("set", "Done", "end");
        var type = await _t.ImportAsync(Version("旧版").Build());
        await _t.TriggerAsync("Versioned", null, "old");

        var edited = Version("新版").Build();
        edited.Id = type.Id;
        await _t.ImportAsync(edited);
        await _t.TriggerAsync("Versioned", null, "new");

        var old = await _t.SingleInstanceAsync(type.Id, "old");
        var fresh = await _t.SingleInstanceAsync(type.Id, "new");
        Assert.NotEqual(old.TypeVersionId, fresh.TypeVersionId);
        foreach (var instance in new[] { old, fresh })
            Assert.True(await _t.RunAsync(s => s.GetRequiredService<WorkflowManager>().ResumeAsync(instance.Id, "wait", new() { ["Action"] = "通过" }, "审核员甲", default)));
        Assert.Equal("旧版", WorkflowTenant.Property(await _t.SingleInstanceAsync(type.Id, "old"), "version"));
        Assert.Equal("新版", WorkflowTenant.Property(await _t.SingleInstanceAsync(type.Id, "new"), "version"));
        Assert.All(await _t.InstancesAsync(type.Id), i => Assert.Equal(WorkflowStatus.Finished, i.Status));
    }

    [Fact]
    public async Task A_failing_activity_faults_the_instance_with_its_error_and_a_restart_runs_it_on_from_there()
    {
        var type = await _t.ImportAsync(new Flow("通知").Start("e", "DomainEvent", new { EventName = "Notify" })
            .Add("notify", "NotifyRole", new { Role = "计量员", Subject = "新任务 {{input.No}}", Body = "<p>{{input.Text}}</p>" })
            .Add("end", "Finish").Connect("e", "Done", "notify").Connect("notify", "Done", "end").Build());

        await _t.TriggerAsync("Notify", new { No = "A-1", Text = "<script>x</script>" });

        var faulted = await _t.SingleInstanceAsync(type.Id);
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);
        Assert.Contains("站内通知角色", faulted.Error);
        Assert.Contains("计量员", faulted.Error);

        await _t.CreateUserAsync("inspector", "Inspect2026pw", ("计量员", ["AccessAdminPanel"]));
        Assert.True(await _t.RunAsync(s => s.GetRequiredService<WorkflowManager>().RestartAsync(faulted.Id)));

        var done = await _t.SingleInstanceAsync(type.Id);
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Null(done.Error);
        var message = await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<WorkflowMessage>().AsNoTracking().SingleAsync());
        Assert.Equal("新任务 A-1", message.Subject);
        Assert.Equal("<p>&lt;script&gt;x&lt;/script&gt;</p>", message.Body);
    }

    [Fact]
    public async Task A_loop_in_a_graph_stops_at_the_step_limit_and_faults()
    {
        var type = await _t.ImportAsync(new Flow("循环").Start("e", "DomainEvent", new { EventName = "Loop" })
            .Add("a", "SetProperty", new { Name = "n", Value = "a" })
            .Add("b", "SetProperty", new { Name = "n", Value = "b" })
            .Connect("e", "Done", "a").Connect("a", "Done", "b").Connect("b", "Done", "a").Build());

        await _t.TriggerAsync("Loop");

        var instance = await _t.SingleInstanceAsync(type.Id);
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("可能存在循环", instance.Error);
    }

    [Fact]
    public async Task A_workflow_that_raises_its_own_start_event_stops_at_the_depth_limit()
    {
        var type = await _t.ImportAsync(new Flow("自我触发").Start("e", "DomainEvent", new { EventName = "Chain" })
            .Add("count", "SetProperty", new { Name = "n", Value = "{{input.n}}1" })
            .Add("raise", "RaiseEvent", new { EventName = "Chain" })
            .Add("end", "Finish").Connect("e", "Done", "count").Connect("count", "Done", "raise").Connect("raise", "Done", "end").Build());

        await _t.TriggerAsync("Chain", null, "chain");

        var instances = await _t.InstancesAsync(type.Id);
        Assert.Equal(WorkflowManager.MaxDepth, instances.Count);
        Assert.All(instances, i => Assert.Equal(WorkflowStatus.Finished, i.Status));
        Assert.Equal(new string('1', WorkflowManager.MaxDepth), WorkflowTenant.Property(instances[^1], "n"));
    }
}
