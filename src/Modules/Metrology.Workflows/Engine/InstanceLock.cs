using Metrology.Core.Data;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Engine;

/// <summary>
/// A lease on an instance row, taken with a conditional UPDATE: the database lets exactly one of two
/// racing updates match (on PostgreSQL the second re-checks the row after the first commits), so two
/// nodes never run one instance at once. A node that dies holding it loses it when the lease ends.
/// </summary>
internal static class InstanceLock
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public static async Task<bool> TryAcquireAsync(TenantDbContext db, int instanceId, string owner, DateTime nowUtc, CancellationToken ct) =>
        await db.Set<WorkflowInstance>()
            .Where(i => i.Id == instanceId && (i.LockOwner == null || i.LockedUntilUtc < nowUtc))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LockOwner, owner).SetProperty(i => i.LockedUntilUtc, nowUtc + Lease), ct) == 1;

    public static Task ReleaseAsync(TenantDbContext db, int instanceId, string owner) =>
        db.Set<WorkflowInstance>()
            .Where(i => i.Id == instanceId && i.LockOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LockOwner, (string?)null).SetProperty(i => i.LockedUntilUtc, (DateTime?)null), CancellationToken.None);
}
