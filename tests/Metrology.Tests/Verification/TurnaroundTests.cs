using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Metrology.Verification;
using Metrology.Verification.Models;
using Metrology.Workflows.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Verification;

/// <summary>规定时间 with a controlled clock: the lab head is warned once two working days before; past the due date the task shows as overdue.</summary>
public sealed class TurnaroundTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "ZqTurnaround");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void Working_days_skip_weekends_and_holidays()
    {
        var friday = new DateOnly(2026, 12, 4);
        Assert.Equal(new DateOnly(2026, 12, 7), WorkingDays.Add(friday, 1, []));
        Assert.Equal(new DateOnly(2026, 12, 8), WorkingDays.Add(friday, 1, [new DateOnly(2026, 12, 7)]));
        Assert.Equal(new DateOnly(2026, 12, 7), WorkingDays.Add(new DateOnly(2026, 12, 5), 0, []));
        Assert.Equal(new DateOnly(2026, 12, 18), WorkingDays.Add(friday, 10, []));
    }

    [Fact]
    public async Task The_warning_fires_once_two_working_days_before_and_an_overdue_task_is_marked()
    {
        using var head = await _site.ReviewerAsync("lab-head", "室主任", "肇庆市质量计量监督检测所");
        var task = await _site.TaskAsync("ZQT2025-0101");
        var due = task.DueDate;

        Assert.Equal(0, (await WarningsAsync(due.AddDays(-10))).Warned);
        Assert.Null((await _site.TaskAsync("ZQT2025-0101")).DueSoonRaisedUtc);

        await RunAsync(due.AddDays(-1));
        Assert.Equal(1, (await WarningsAsync(due.AddDays(-1))).Warned);
        await RunAsync(due);
        Assert.Equal(1, (await WarningsAsync(due)).Warned);

        // Not yet overdue on the day; overdue the day after, marked in the lab's queue, raised once.
        Assert.Null((await _site.TaskAsync("ZQT2025-0101")).OverdueRaisedUtc);
        await RunAsync(due.AddDays(1));
        var first = (await _site.TaskAsync("ZQT2025-0101")).OverdueRaisedUtc;
        Assert.NotNull(first);
        await RunAsync(due.AddDays(2));
        Assert.Equal(first, (await _site.TaskAsync("ZQT2025-0101")).OverdueRaisedUtc);
        var row = (await head.GetDocumentAsync($"{_site.Prefix}/admin/verification?lab=all")).QuerySelectorAll("#queue tbody tr")
            .Single(r => r.TextContent.Contains("ZQT2025-0101"));
        Assert.NotNull(row.QuerySelector(".overdue"));
    }

    private Task<(int DueSoon, int Overdue)> RunAsync(DateOnly day) =>
        _site.InTenantAsync(s => ActivatorUtilities.CreateInstance<DueWatch>(s, (TimeProvider)new FixedClock(day)).RunAsync());

    /// <summary>Runs the watch at the day, then counts the lab head's messages about the scale.</summary>
    private async Task<(int Warned, int Raised)> WarningsAsync(DateOnly day)
    {
        var (soon, _) = await RunAsync(day);
        var warned = await _site.InTenantAsync(async s =>
        {
            var user = (await s.GetRequiredService<UserManager<User>>().FindByNameAsync("lab-head"))!;
            return await s.GetRequiredService<TenantDbContext>().Set<WorkflowMessage>().CountAsync(m => m.UserId == user.Id && m.Subject.Contains("电子台秤"));
        });
        return (warned, soon);
    }
}
