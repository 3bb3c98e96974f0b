using System.Text.Json.Nodes;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Engine;
using Metrology.Workflows.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Workflows;

public sealed class WorkflowConcurrencyTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Two_resumes_of_one_instance_at_the_same_moment_run_the_step_exactly_once(string provider)
    {
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var t = await WorkflowTenant.CreateAsync(site, "WfRace");
        var type = await t.ImportAsync(new Flow("并发").Start("e", "DomainEvent", new { EventName = "Race" })
            .Add("wait", "UserTask", new { Actions = new[] { "通过" }, Roles = new[] { "审核员" } })
            .Add("log", "Log", new { Text = "通过了" })
            .Add("end", "Finish").Connect("e", "Done", "wait").Connect("wait", "通过", "log").Connect("log", "Done", "end").Build());
        await t.TriggerAsync("Race", null, "r");
        var instance = await t.SingleInstanceAsync(type.Id);

        // Each resume in its own scope and connection, as two requests (or two nodes) would.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            t.RunAsync(s => s.GetRequiredService<WorkflowManager>().ResumeAsync(instance.Id, "wait", new JsonObject { ["Action"] = "通过" }, "审核员", default)))));

        Assert.Single(results, r => r);
        Assert.Equal(WorkflowStatus.Finished, (await t.SingleInstanceAsync(type.Id)).Status);
        var log = await t.LogAsync(instance.Id);
        Assert.Single(log, l => l.ActivityId == "log");
        Assert.Single(log, l => l.ActivityId == "wait" && l.Outcome == "通过");
    }
}
