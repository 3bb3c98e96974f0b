using Metrology.Core.Data;
using Metrology.Tenants.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tenants;

/// <summary>The log of what host administrators did to tenants, kept in the host database.</summary>
public sealed class HostAudit(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task LogAsync(string userName, string action, string tenant, bool succeeded, string? detail = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        host.Set<HostAuditEntry>().Add(new HostAuditEntry
        {
            TimeUtc = clock.GetUtcNow().UtcDateTime,
            UserName = userName,
            Action = action,
            Tenant = tenant,
            Succeeded = succeeded,
            Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        });
        await host.SaveChangesAsync(ct);
    }

    /// <summary>Newest first, one page (1-based, clamped to the last page) at a time.</summary>
    public async Task<(IReadOnlyList<HostAuditEntry> Entries, int Total)> PageAsync(string? tenant, int page, int pageSize, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<HostDbContext>().Set<HostAuditEntry>().AsNoTracking();
        if (!string.IsNullOrEmpty(tenant)) query = query.Where(e => e.Tenant == tenant);
        var total = await query.CountAsync(ct);
        var last = Math.Max(1, (total + pageSize - 1) / pageSize);
        var skip = (Math.Clamp(page, 1, last) - 1) * pageSize;
        var entries = await query.OrderByDescending(e => e.Id).Skip(skip).Take(pageSize).ToListAsync(ct);
        return (entries, total);
    }
}
