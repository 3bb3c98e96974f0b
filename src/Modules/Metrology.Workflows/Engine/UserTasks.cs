using System.Security.Claims;
using Metrology.Core.Data;
using Metrology.Workflows.Activities;
using Metrology.Workflows.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Workflows.Engine;

public sealed record PendingUserTask(int InstanceId, string ActivityId, string Title, string? Description, IReadOnlyList<string> Actions, string WorkflowName, string? CorrelationId);

/// <summary>The user tasks waiting on an item that a user may act on: the user must be in one of the task's roles.</summary>
public sealed class UserTasks(TenantDbContext db, WorkflowActivities activities, WorkflowValidator validator)
{
    public async Task<IReadOnlyList<PendingUserTask>> ForItemAsync(ClaimsPrincipal user, string contentItemId, CancellationToken ct = default) =>
        await ListAsync(user, db.Set<WorkflowBlock>().Where(b => b.EventName == UserTask.Event && b.CorrelationId == contentItemId), ct);

    public async Task<PendingUserTask?> FindAsync(ClaimsPrincipal user, int instanceId, string activityId, CancellationToken ct = default) =>
        (await ListAsync(user, db.Set<WorkflowBlock>().Where(b => b.EventName == UserTask.Event && b.InstanceId == instanceId && b.ActivityId == activityId), ct)).FirstOrDefault();

    private async Task<IReadOnlyList<PendingUserTask>> ListAsync(ClaimsPrincipal user, IQueryable<WorkflowBlock> blocks, CancellationToken ct)
    {
        var rows = await blocks
            .Join(db.Set<WorkflowInstance>(), b => b.InstanceId, i => i.Id, (b, i) => new { b.InstanceId, b.ActivityId, i.TypeVersionId, i.WorkflowTypeId, i.CorrelationId })
            .Take(50).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var roles = await RolesAsync(user, ct);
        if (roles.Count == 0) return [];
        var versionIds = rows.Select(r => r.TypeVersionId).Distinct().ToList();
        var versions = await db.Set<WorkflowTypeVersion>().AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => WorkflowDefinition.Parse(v.Json), ct);
        var typeIds = rows.Select(r => r.WorkflowTypeId).Distinct().ToList();
        var names = await db.Set<WorkflowType>().AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var kind = activities.Find("UserTask");
        var result = new List<PendingUserTask>();
        foreach (var row in rows)
        {
            if (kind is null || !versions.TryGetValue(row.TypeVersionId, out var definition) || definition.Find(row.ActivityId) is not { } record) continue;
            var settings = (UserTaskSettings)kind.SettingsOf(record);
            if (!settings.Roles.Any(roles.Contains)) continue;
            result.Add(new PendingUserTask(row.InstanceId, row.ActivityId, validator.Title(record), settings.Description, settings.Actions,
                names.GetValueOrDefault(row.WorkflowTypeId) ?? "", row.CorrelationId));
        }
        return result;
    }

    private async Task<HashSet<string>> RolesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return [];
        var names = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync(ct);
        return names.ToHashSet();
    }
}
