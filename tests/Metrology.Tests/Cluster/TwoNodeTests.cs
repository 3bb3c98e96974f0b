using System.Net;
using Metrology.Tests.Infrastructure;
using Metrology.Tests.Workflows;
using Metrology.Workflows.Models;

namespace Metrology.Tests.Cluster;

/// <summary>The rig's two processes, started once for these tests (skipped with the reason when PostgreSQL or nginx is missing).</summary>
public sealed class TwoNodeRig : IAsyncLifetime
{
    public ClusterRig? Rig { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (ClusterRig.MissingReason() is null) Rig = await ClusterRig.StartAsync(line => Console.WriteLine("[two nodes] " + line));
    }

    public async ValueTask DisposeAsync()
    {
        if (Rig is not null) await Rig.DisposeAsync();
    }
}

/// <summary>
/// What one node does, the other sees and does not do again, as two real processes on one PostgreSQL: a workflow type made
/// in node 1's admin is listed and run by node 2 without a restart (issue 23); the reminder job run on both nodes at the same
/// moment tells each enterprise once and claims each due instrument once per lead time (issue 19).
/// </summary>
[Collection(ClusterRig.Collection)]
public sealed class TwoNodeTests(TwoNodeRig fixture, ITestOutputHelper output) : IClassFixture<TwoNodeRig>
{
    private const string Prefix = ClusterUse.Prefix;

    private ClusterRig Rig
    {
        get
        {
            var missing = ClusterRig.MissingReason();
            if (missing is not null) output.WriteLine($"two-node test not run: {missing}");
            Assert.SkipWhen(missing is not null, $"two-node test not run: {missing}");
            return fixture.Rig!;
        }
    }

    private async Task<TestBrowser> AdminOnAsync(ClusterRig.Node node)
    {
        var browser = ClusterUse.Browser(new Uri($"http://127.0.0.1:{node.Port}/"));
        await browser.LoginAsync(Prefix, "admin", ClusterRig.Password);
        return browser;
    }

    [Fact]
    public async Task A_workflow_type_made_on_node_1_is_listed_and_run_on_node_2_without_a_restart()
    {
        var rig = Rig;
        using var one = await AdminOnAsync(rig[0]);
        using var two = await AdminOnAsync(rig[1]);
        const string name = "第二节点可见的流程";
        Assert.DoesNotContain(name, (await two.GetDocumentAsync(Prefix + "/admin/workflows")).QuerySelector("main")!.TextContent);

        await ClusterUse.ImportWorkflowAsync(one, new Flow(name).Start("e", "DomainEvent", new { EventName = "WorkflowTest" })
            .Add("log", "Log", new { Text = "节点二运行" }).Add("end", "Finish").Connect("e", "Done", "log").Connect("log", "Done", "end").Build());

        var list = await two.GetDocumentAsync(Prefix + "/admin/workflows");
        Assert.Contains(name, list.QuerySelector("#workflow-types")!.TextContent);
        var id = (await rig.QueryAsync<string>("SELECT \"Id\" FROM zhaoqing.\"WorkflowTypes\" WHERE \"Name\" = @n", ("n", name))).Single();
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync($"{Prefix}/admin/workflows/edit/{id}")).StatusCode);

        // Node 2 raises the event the type starts on: the type is used there.
        var raised = await two.SubmitAsync(Prefix + "/admin/workflows", new Dictionary<string, string> { ["correlationId"] = "node-2", ["payload"] = "{}" }, "#test-event");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var finished = await rig.QueryAsync<long>("SELECT COUNT(*) FROM zhaoqing.\"WorkflowInstances\" WHERE \"WorkflowTypeId\" = @t AND \"CorrelationId\" = 'node-2' AND \"Status\" = @s",
            ("t", id), ("s", (int)WorkflowStatus.Finished));
        output.WriteLine($"instances of the type made on node 1, run on node 2: {finished[0]}");
        Assert.Equal(1, finished[0]);
    }

    [Fact]
    public async Task The_reminder_job_on_both_nodes_at_once_tells_each_enterprise_once_and_claims_each_instrument_once()
    {
        var rig = Rig;
        using (var admin = await AdminOnAsync(rig[0]))
        {
            // No quiet hours, so that the run sends whatever the hour; the recipe's due and overdue instruments are the data.
            var saved = await admin.SubmitAsync(Prefix + "/admin/reminders/settings", new Dictionary<string, string>
            {
                ["LeadDays"] = "30, 7", ["QuietFrom"] = "00:00", ["QuietUntil"] = "00:00",
            });
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(saved));
        }
        using (var http = new HttpClient())
        {
            // The management port runs a known job of a running tenant, on POST only; the public port has no such thing.
            var management = $"http://127.0.0.1:{rig[0].ManagementPort}";
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{management}/jobs/zhaoqing/no-such-job", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync($"{management}/jobs/nowhere/expiry-reminders", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{management}/jobs/zhaoqing/expiry-reminders")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(new Uri(rig.Url, "/jobs/zhaoqing/expiry-reminders"), null)).StatusCode);
        }
        await rig.ExecuteAsync("DELETE FROM zhaoqing.\"ReminderClaim\"");
        var before = (await rig.QueryAsync<int>("SELECT COALESCE(MAX(\"Id\"), 0) FROM zhaoqing.\"NotificationMessages\""))[0];

        // Three runs on each node, all at once, each through its node's management port (not Quartz, which picks one node).
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => rig[i % 2].RunJobAsync("zhaoqing", "expiry-reminders"))));

        var messages = await rig.QueryAsync<string>("SELECT \"Channel\"::text || ':' || \"Recipient\" FROM zhaoqing.\"NotificationMessages\" WHERE \"Id\" > @id AND \"Kind\" = 'ExpiryReminder'", ("id", before));
        var claims = await rig.QueryAsync<string>("SELECT \"InstrumentId\" || '|' || \"ValidUntil\"::text || '|' || \"Stage\"::text || '|' || \"EnterpriseId\"::text FROM zhaoqing.\"ReminderClaim\"");
        var enterprises = claims.Select(c => c.Split('|')[3]).Distinct().Count();
        output.WriteLine($"six runs on two nodes at once: {claims.Count} instruments claimed for {enterprises} enterprises, {messages.Count} messages, " +
                         $"{messages.Count - messages.Distinct().Count()} to a recipient twice");

        // A run after them finds everything due claimed: nothing was left for a lost race to miss, nothing is sent again.
        await rig[1].RunJobAsync("zhaoqing", "expiry-reminders");
        var claimsAfter = (await rig.QueryAsync<long>("SELECT COUNT(*) FROM zhaoqing.\"ReminderClaim\""))[0];
        var messagesAfter = (await rig.QueryAsync<long>("SELECT COUNT(*) FROM zhaoqing.\"NotificationMessages\" WHERE \"Id\" > @id AND \"Kind\" = 'ExpiryReminder'", ("id", before)))[0];
        output.WriteLine($"a later run: {claimsAfter - claims.Count} more claims, {messagesAfter - messages.Count} more messages");

        Assert.True(claims.Count > 0, "the demo's due instruments were claimed");
        Assert.True(messages.Count > 0, "reminders were queued");
        Assert.Equal(claims.Count, claims.Select(c => string.Join('|', c.Split('|')[..3])).Distinct().Count());
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Equal(enterprises, messages.Select(m => m.Split(':', 2)[1]).Distinct().Count());
        Assert.Equal(claims.Count, claimsAfter);
        Assert.Equal(messages.Count, messagesAfter);
    }
}
