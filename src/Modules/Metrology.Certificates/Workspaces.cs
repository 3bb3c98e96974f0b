using Metrology.Certificates.Models;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Certificates;

/// <summary>The enterprise's certificates of this year on <c>/my</c>, and those waiting for fees.</summary>
internal sealed class EnterpriseWorkspace(TenantDbContext db, TimeProvider clock) : IEnterpriseWorkspaceContributor
{
    public async Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct)
    {
        var mine = db.Set<CertificateIndex>().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId);
        if (!await mine.AnyAsync(ct)) return;
        var since = CertificatesThisPeriod.StartUtc(clock, month: false);
        var thisYear = await mine.CountAsync(c => c.IssuedUtc >= since && (c.Status == CertificateStatus.Issued || c.Status == CertificateStatus.Withheld), ct);
        workspace.Count("本年证书", thisYear, "/my/certificates", 46, "今年出具的检定证书和结果通知书");
        var withheld = await mine.CountAsync(c => c.Status == CertificateStatus.Withheld, ct);
        workspace.Todo(withheld > 0, $"{withheld} 份证书待缴清费用后发放", "/my/certificates", "查看", 46);
    }
}

/// <summary>证书 made since the start of this month (host dashboard) in the institute's time zone.</summary>
internal sealed class CertificatesThisPeriod : ITenantStatistic
{
    public string Name => "本月证书";

    public Task<long> CountAsync(IServiceProvider tenantServices, CancellationToken ct)
    {
        var since = StartUtc(tenantServices.GetRequiredService<TimeProvider>(), month: true);
        return tenantServices.GetRequiredService<TenantDbContext>().Set<CertificateIndex>().LongCountAsync(c => c.IssuedUtc >= since, ct);
    }

    /// <summary>The first moment of this month (or year) in local time, as UTC.</summary>
    public static DateTime StartUtc(TimeProvider clock, bool month)
    {
        var now = clock.GetLocalNow();
        var start = new DateTimeOffset(now.Year, month ? now.Month : 1, 1, 0, 0, 0, now.Offset);
        return start.UtcDateTime;
    }
}
