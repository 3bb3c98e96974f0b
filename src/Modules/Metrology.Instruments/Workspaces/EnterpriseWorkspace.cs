using Metrology.Core.Data;
using Metrology.Core.Settings;
using Metrology.Core.Workspaces;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Instruments.Workspaces;

/// <summary>The library's part of the enterprise's workspace: instruments in use, not filed, and due within 30 days.</summary>
internal sealed class EnterpriseWorkspace(TenantDbContext db, SiteSettingsService site, TimeProvider clock) : IEnterpriseWorkspaceContributor
{
    public const int DueDays = 30;

    public async Task ContributeAsync(Workspace workspace, int enterpriseId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime((await site.GetAsync(ct)).Local(clock.GetUtcNow().UtcDateTime));
        var until = today.AddDays(DueDays);
        var active = db.Set<InstrumentIndex>().Where(i => i.EnterpriseId == enterpriseId && i.Active);
        var total = await db.Set<InstrumentCount>().Where(c => c.EnterpriseId == enterpriseId && c.Active).SumAsync(c => c.Count, ct);
        var notFiled = await active.CountAsync(i => i.FilingStatus == FilingStatus.NotFiled, ct);
        var filed = await active.CountAsync(i => i.FilingStatus == FilingStatus.Filed, ct);
        var due = await active.CountAsync(i => i.ValidUntil >= today && i.ValidUntil <= until, ct);
        var dueUrl = $"/my/instruments?validFrom={today:yyyy-MM-dd}&validTo={until:yyyy-MM-dd}&sort=valid";

        workspace.Count("我的器具", total, "/my/instruments", 10);
        workspace.Count("未备案", notFiled, "/my/instruments?filing=NotFiled", 20);
        workspace.Count($"{DueDays} 天内到期", due, dueUrl, 60, "有效期将至");
        workspace.Todo(total == 0, "我的器具中还没有器具", "/my/instruments/edit", "添加器具", 10);
        workspace.Todo(notFiled > 0, $"{notFiled} 台器具未备案", "/my/instruments?filing=NotFiled", "查看", 20);
        workspace.Todo(due > 0, $"{due} 台器具 {DueDays} 天内到期", dueUrl, "查看", 60);
        if (total > 0) workspace.Reached(EnterpriseStages.Library);
        if (filed > 0) workspace.Reached(EnterpriseStages.Filed);
    }
}
