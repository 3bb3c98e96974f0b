using System.Net;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Models;

namespace Metrology.Tests.Workflows;

/// <summary>Moving halted instances to a new version: only those whose activity is still there, and they resume on the new graph.</summary>
public sealed class WorkflowMigrationTests(SiteFactory site)
{
    private static Flow Review(string name, bool second)
    {
        var flow = new Flow(name).Start("e", "DomainEvent", new { EventName = "MigrateReview" })
            .Add("if", "IfElse", new { Condition = new { Combine = "and", Clauses = new[] { new { Path = "input.n", Operator = "lt", Value = "50" } } } })
            .Add("a", "DomainEvent", new { EventName = "MigrateGo" })
            .Add("end", "Finish")
            .Connect("e", "Done", "if").Connect("if", "True", "a");
        return second
            ? flow.Add("mark", "SetProperty", new { Name = "version", Value = "2" }).Add("log", "Log", new { Text = "大额" })
                .Connect("a", "Done", "mark").Connect("mark", "Done", "end").Connect("if", "False", "log").Connect("log", "Done", "end")
            : flow.Add("b", "DomainEvent", new { EventName = "MigrateOther" })
                .Add("mark", "SetProperty", new { Name = "version", Value = "1" })
                .Connect("a", "Done", "mark").Connect("mark", "Done", "end").Connect("if", "False", "b").Connect("b", "Done", "end");
    }

    [Fact]
    public async Task Migrating_100_halted_instances_moves_those_whose_activity_exists_and_each_resumes_on_its_version()
    {
        var t = await WorkflowTenant.CreateAsync(site, "WfMigrate");
        var type = await t.ImportAsync(Review("迁移", second: false).Build());
        for (var n = 0; n < 100; n++) await t.TriggerAsync("MigrateReview", new { n }, $"m{n}");
        var v1 = (await t.InstancesAsync(type.Id)).Select(i => i.TypeVersionId).Distinct().Single();

        var export = Review("迁移", second: true).Build();
        export.Id = type.Id;
        await t.ImportAsync(export);

        using var admin = await t.LoginAsync("admin", SiteFactory.AdminPassword);
        var designer = $"{t.Prefix}/admin/workflows/edit/{type.Id}";
        var counts = (await admin.GetDocumentAsync(designer)).QuerySelector("#migration-counts")!.TextContent;
        Assert.Contains("50 个可迁移到当前版本", counts);
        Assert.Contains("50 个留在原版本", counts);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string>(), "#migrate")).StatusCode);
        Assert.Null((await admin.GetDocumentAsync(designer)).QuerySelector("#migrate button"));

        var instances = await t.InstancesAsync(type.Id);
        Assert.Equal(50, instances.Count(i => i.TypeVersionId != v1));
        Assert.All(instances.Where(i => i.TypeVersionId != v1), i => Assert.True(int.Parse(i.CorrelationId![1..]) < 50));

        foreach (var n in new[] { 0, 49 }) await t.TriggerAsync("MigrateGo", null, $"m{n}");
        foreach (var n in new[] { 50, 99 }) await t.TriggerAsync("MigrateOther", null, $"m{n}");
        foreach (var n in new[] { 0, 49 })
        {
            var moved = await t.SingleInstanceAsync(type.Id, $"m{n}");
            Assert.Equal((WorkflowStatus.Finished, "2"), (moved.Status, WorkflowTenant.Property(moved, "version")));
        }
        foreach (var n in new[] { 50, 99 })
        {
            var stayed = await t.SingleInstanceAsync(type.Id, $"m{n}");
            Assert.Equal((WorkflowStatus.Finished, v1), (stayed.Status, stayed.TypeVersionId));
        }
    }

    [Fact]
    public async Task One_instance_can_be_moved_by_itself_and_the_others_wait_on_their_version()
    {
        var t = await WorkflowTenant.CreateAsync(site, "WfMigrateOne");
        var type = await t.ImportAsync(Review("逐个迁移", second: false).Build());
        for (var n = 0; n < 3; n++) await t.TriggerAsync("MigrateReview", new { n }, $"m{n}");
        var export = Review("逐个迁移", second: true).Build();
        export.Id = type.Id;
        await t.ImportAsync(export);

        using var admin = await t.LoginAsync("admin", SiteFactory.AdminPassword);
        var designer = $"{t.Prefix}/admin/workflows/edit/{type.Id}";
        Assert.Equal(3, (await admin.GetDocumentAsync(designer)).QuerySelectorAll("#migrate-one form").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(designer, new Dictionary<string, string>(), "#migrate-one form")).StatusCode);

        var instances = await t.InstancesAsync(type.Id);
        var v1 = instances.GroupBy(i => i.TypeVersionId).OrderByDescending(g => g.Count()).First().Key;
        var moved = Assert.Single(instances, i => i.TypeVersionId != v1);
        Assert.Equal(2, (await admin.GetDocumentAsync(designer)).QuerySelectorAll("#migrate-one form").Length);
        await t.TriggerAsync("MigrateGo", null, moved.CorrelationId!);
        Assert.Equal("2", WorkflowTenant.Property(await t.SingleInstanceAsync(type.Id, moved.CorrelationId!), "version"));
    }
}
