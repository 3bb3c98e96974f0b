using System.Text.Json;
using Metrology.Core.Data;
using Metrology.Core.Recipes;
using Metrology.Core.Settings;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Jobs;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Workflows;

public sealed class WorkflowRetentionAndRecipeTests(SiteFactory site) : IAsyncLifetime
{
    private WorkflowTenant _t = null!;

    public async ValueTask InitializeAsync() => _t = await WorkflowTenant.CreateAsync(site, "WfKeep");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Flow Review(string name, string value) => new Flow(name).Start("e", "DomainEvent", new { EventName = name })
        .Add("wait", "UserTask", new { Actions = new[] { "通过" }, Roles = new[] { "审核员" } })
        .Add("set", "SetProperty", new { Name = "value", Value = value })
        .Add("end", "Finish").Connect("e", "Done", "wait").Connect("wait", "通过", "set").Connect("set", "Done", "end");

    [Fact]
    public async Task Trimming_removes_only_finished_instances_older_than_the_retention_days()
    {
        var quick = await _t.ImportAsync(new Flow("即时").Start("e", "DomainEvent", new { EventName = "Quick" }).Add("end", "Finish").Connect("e", "Done", "end").Build());
        var waiting = await _t.ImportAsync(Review("Waiting", "x").Build());
        await _t.TriggerAsync("Quick", null, "old");
        await _t.TriggerAsync("Quick", null, "recent");
        await _t.TriggerAsync("Waiting", null, "halted");
        var now = DateTime.UtcNow;
        await _t.RunAsync(async s =>
        {
            await s.GetRequiredService<DocumentStore>().SaveAsync(new WorkflowSettings { RetentionDays = 10 });
            var db = s.GetRequiredService<TenantDbContext>();
            await db.Set<WorkflowInstance>().Where(i => i.CorrelationId == "old").ExecuteUpdateAsync(u => u.SetProperty(i => i.FinishedUtc, now.AddDays(-11)));
            await db.Set<WorkflowInstance>().Where(i => i.CorrelationId == "recent").ExecuteUpdateAsync(u => u.SetProperty(i => i.FinishedUtc, now.AddDays(-9)));
            await db.Set<WorkflowInstance>().Where(i => i.CorrelationId == "halted").ExecuteUpdateAsync(u => u.SetProperty(i => i.CreatedUtc, now.AddDays(-30)));
        });
        var oldId = (await _t.SingleInstanceAsync(quick.Id, "old")).Id;

        var removed = await _t.RunAsync(s => s.GetRequiredService<WorkflowRetention>().TrimAsync(now));

        Assert.Equal(1, removed);
        Assert.Equal(["recent"], (await _t.InstancesAsync(quick.Id)).Select(i => i.CorrelationId));
        Assert.Single(await _t.InstancesAsync(waiting.Id));
        Assert.Empty(await _t.LogAsync(oldId));
    }

    [Fact]
    public async Task An_aborted_instance_stops_waiting_and_is_trimmed_with_the_version_only_it_used()
    {
        var v1 = Review("AbortMe", "一").Build();
        var type = await _t.ImportAsync(v1);
        await _t.TriggerAsync("AbortMe", null, "z");
        var v2 = Review("AbortMe", "二").Build();
        v2.Id = type.Id;
        await _t.ImportAsync(v2);
        var instance = await _t.SingleInstanceAsync(type.Id);

        Assert.True(await _t.RunAsync(s => s.GetRequiredService<WorkflowManager>().AbortAsync(instance.Id, "admin")));
        Assert.Equal(WorkflowStatus.Aborted, (await _t.SingleInstanceAsync(type.Id)).Status);
        Assert.False(await _t.RunAsync(s => s.GetRequiredService<WorkflowManager>().ResumeAsync(instance.Id, "wait", new() { ["Action"] = "通过" }, null, default)));

        var later = DateTime.UtcNow.AddDays(400);
        await _t.RunAsync(s => s.GetRequiredService<WorkflowRetention>().TrimAsync(later));

        Assert.Empty(await _t.InstancesAsync(type.Id));
        var versions = await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<WorkflowTypeVersion>().Where(v => v.WorkflowTypeId == type.Id).Select(v => v.Number).ToListAsync());
        Assert.Equal([2], versions);
    }

    [Fact]
    public async Task Running_the_WorkflowType_recipe_step_again_updates_the_type_and_keeps_running_instances()
    {
        Task RunStepAsync(WorkflowTypeExport export) => _t.RunAsync(async s =>
        {
            var json = JsonSerializer.SerializeToElement(new { name = "WorkflowType", WorkflowTypes = new[] { export } }, WorkflowJson.Options);
            var step = s.GetServices<IRecipeStepHandler>().Single(h => h.Name == "WorkflowType");
            await step.ExecuteAsync(new RecipeStepContext("test", 1, "WorkflowType", json, s));
        });
        var first = Review("RecipeReview", "第一版").Build();
        first.Id = "recipe-review";
        await RunStepAsync(first);
        await _t.TriggerAsync("RecipeReview", null, "a");

        await RunStepAsync(first);
        var second = Review("RecipeReview", "第二版").Build();
        second.Id = "recipe-review";
        await RunStepAsync(second);

        var instance = await _t.SingleInstanceAsync("recipe-review", "a");
        Assert.Equal(WorkflowStatus.Halted, instance.Status);
        var versions = await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<WorkflowTypeVersion>().Where(v => v.WorkflowTypeId == "recipe-review").CountAsync());
        Assert.Equal(2, versions);
        Assert.True(await _t.RunAsync(s => s.GetRequiredService<WorkflowManager>().ResumeAsync(instance.Id, "wait", new() { ["Action"] = "通过" }, null, default)));
        Assert.Equal("第一版", WorkflowTenant.Property(await _t.SingleInstanceAsync("recipe-review", "a"), "value"));
    }

    [Fact]
    public async Task The_recipe_step_refuses_an_invalid_graph_naming_the_activity()
    {
        var bad = new Flow("坏流程").Start("e", "DomainEvent", new { EventName = "Bad" }).Add("set", "SetProperty", new { Value = "x" }).Build();
        var error = await Assert.ThrowsAsync<RecipeStepException>(() => _t.RunAsync(async s =>
        {
            var json = JsonSerializer.SerializeToElement(new { name = "WorkflowType", WorkflowTypes = new[] { bad } }, WorkflowJson.Options);
            await s.GetServices<IRecipeStepHandler>().Single(h => h.Name == "WorkflowType").ExecuteAsync(new RecipeStepContext("test", 1, "WorkflowType", json, s));
        }));
        Assert.Contains("活动「设置属性」：缺少必填设置「属性名」", error.Message);
        Assert.Contains("活动「业务事件」的结果「完成」没有连接", error.Message);
        Assert.Contains("活动「设置属性」无法到达", error.Message);
    }
}
