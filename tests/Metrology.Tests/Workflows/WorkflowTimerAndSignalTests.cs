using System.Net;
using Metrology.Core.Data;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Jobs;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Workflows;

public sealed class WorkflowTimerAndSignalTests(SiteFactory site) : IAsyncLifetime
{
    private WorkflowTenant _t = null!;

    public async ValueTask InitializeAsync() => _t = await WorkflowTenant.CreateAsync(site, "WfTimer");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<int> RunTimersAsync(DateTime nowUtc) => _t.RunAsync(s => s.GetRequiredService<WorkflowTimers>().RunDueAsync(nowUtc));

    private Task<WorkflowTimer> TimerOfAsync(string typeId) =>
        _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.WorkflowTypeId == typeId));

    [Fact]
    public async Task A_timer_start_fires_at_its_cron_time_once_however_often_the_job_runs()
    {
        var type = await _t.ImportAsync(new Flow("每日提醒").Start("t", "Timer", new { Cron = "0 0 9 * * ?" })
            .Add("end", "Finish").Connect("t", "Done", "end").Build());
        var due = (await TimerOfAsync(type.Id)).DueUtc;
        // 09:00 in China is 01:00 UTC.
        Assert.Equal(1, due.Hour);

        Assert.Equal(0, await RunTimersAsync(due.AddSeconds(-1)));
        Assert.Empty(await _t.InstancesAsync(type.Id));

        var runs = await Task.WhenAll(RunTimersAsync(due), RunTimersAsync(due), RunTimersAsync(due.AddSeconds(30)));
        Assert.Equal(1, runs.Sum());
        Assert.Single(await _t.InstancesAsync(type.Id));
        Assert.Equal(due.AddDays(1), (await TimerOfAsync(type.Id)).DueUtc);

        await RunTimersAsync(due.AddDays(1));
        Assert.Equal(2, (await _t.InstancesAsync(type.Id)).Count);
        Assert.All(await _t.InstancesAsync(type.Id), i => Assert.Equal(WorkflowStatus.Finished, i.Status));
    }

    [Fact]
    public async Task An_instance_waiting_on_a_timer_resumes_when_it_is_due()
    {
        var type = await _t.ImportAsync(new Flow("等待到点").Start("e", "DomainEvent", new { EventName = "WaitTimer" })
            .Add("t", "Timer", new { Cron = "0 30 8 * * ?" })
            .Add("set", "SetProperty", new { Name = "fired", Value = "{{input.FiredUtc}}" })
            .Add("end", "Finish").Connect("e", "Done", "t").Connect("t", "Done", "set").Connect("set", "Done", "end").Build());
        await _t.TriggerAsync("WaitTimer", null, "w");
        Assert.Equal(WorkflowStatus.Halted, (await _t.SingleInstanceAsync(type.Id)).Status);
        var due = (await _t.RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId != null && t.WorkflowTypeId == type.Id))).DueUtc;

        Assert.Equal(0, await RunTimersAsync(due.AddMinutes(-1)));
        Assert.Equal(1, await RunTimersAsync(due));
        Assert.Equal(0, await RunTimersAsync(due));

        var instance = await _t.SingleInstanceAsync(type.Id);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.False(string.IsNullOrEmpty(WorkflowTenant.Property(instance, "fired")));
    }

    [Fact]
    public async Task A_signal_link_resumes_its_instance_once_and_a_tampered_token_is_refused()
    {
        var type = await _t.ImportAsync(new Flow("确认链接").Start("e", "DomainEvent", new { EventName = "NeedsConfirm" })
            .Add("s", "Signal", new { UrlProperty = "ConfirmUrl" })
            .Add("set", "SetProperty", new { Name = "confirmed", Value = "是" })
            .Add("end", "Finish").Connect("e", "Done", "s").Connect("s", "Done", "set").Connect("set", "Done", "end").Build());
        await _t.TriggerAsync("NeedsConfirm", null, "order-1");
        var url = WorkflowTenant.Property(await _t.SingleInstanceAsync(type.Id), "ConfirmUrl")!;
        Assert.StartsWith(_t.Prefix + "/workflows/signal/", url);

        using var visitor = site.Browser();
        var token = url.Split('/').Last();
        var tampered = url[..^token.Length] + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(_t.Prefix + "/workflows/signal/not-a-token")).StatusCode);
        Assert.Equal(WorkflowStatus.Halted, (await _t.SingleInstanceAsync(type.Id)).Status);

        var confirmed = await visitor.SubmitAsync(url, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull((await TestBrowser.ParseAsync(confirmed)).QuerySelector("#signal-done"));
        var instance = await _t.SingleInstanceAsync(type.Id);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("是", WorkflowTenant.Property(instance, "confirmed"));

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
    }
}
