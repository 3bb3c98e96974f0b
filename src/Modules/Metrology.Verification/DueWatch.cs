using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Jobs;
using Metrology.Core.Settings;
using Metrology.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Verification;

/// <summary>
/// 规定时间 (seed 004 §一 3 (9)): raises <c>VerificationDueSoon</c> for open tasks due within the warning's working days, and
/// <c>VerificationOverdue</c> for those past their due date, each once per task: the task is claimed by a conditional update of
/// its marker, so two runs (or two nodes) never raise it twice.
/// </summary>
public sealed class DueWatch(TenantDbContext db, DocumentStore documents, IEnterpriseDirectory enterprises, IWorkflowEvents events, TimeProvider clock)
{
    public async Task<(int DueSoon, int Overdue)> RunAsync(CancellationToken ct = default)
    {
        var settings = await documents.GetAsync<VerificationSettings>(ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = WorkingDays.Add(today, settings.WarnWorkingDaysBefore, settings.Holidays);
        var tasks = db.Set<VerificationTask>().AsNoTracking().Where(t => t.Open);

        var dueSoon = 0;
        foreach (var id in await tasks.Where(t => t.DueSoonRaisedUtc == null && t.DueDate >= today && t.DueDate <= soon).OrderBy(t => t.DueDate).Select(t => t.Id).Take(500).ToListAsync(ct))
        {
            if (await db.Set<VerificationTask>().Where(t => t.Id == id && t.DueSoonRaisedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueSoonRaisedUtc, now), ct) != 1) continue;
            await RaiseAsync(VerificationEvents.DueSoon, id, ct);
            dueSoon++;
        }
        var overdue = 0;
        foreach (var id in await tasks.Where(t => t.OverdueRaisedUtc == null && t.DueDate < today).OrderBy(t => t.DueDate).Select(t => t.Id).Take(500).ToListAsync(ct))
        {
            if (await db.Set<VerificationTask>().Where(t => t.Id == id && t.OverdueRaisedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueRaisedUtc, now), ct) != 1) continue;
            await RaiseAsync(VerificationEvents.Overdue, id, ct);
            overdue++;
        }
        return (dueSoon, overdue);
    }

    private async Task RaiseAsync(string eventName, string id, CancellationToken ct)
    {
        var t = await db.Set<VerificationTask>().AsNoTracking().FirstAsync(x => x.Id == id, ct);
        await events.TriggerAsync(eventName, VerificationEvents.Payload(t, await enterprises.FindAsync(t.EnterpriseId, ct)), $"appointment:{t.AppointmentId}", ct);
    }
}

internal sealed class DueWatchJob : ITenantJob
{
    public string Name => "verification-due";

    /// <summary>Hourly, at minute 5.</summary>
    public string Cron => "0 5 * * * ?";

    public Task ExecuteAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<DueWatch>().RunAsync(ct);
}
