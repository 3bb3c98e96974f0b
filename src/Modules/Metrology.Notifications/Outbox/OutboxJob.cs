using Metrology.Core.Data;
using Metrology.Core.Jobs;
using Metrology.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Notifications.Outbox;

/// <summary>Delivers the tenant's due messages every 20 seconds, unless an administrator paused delivery.</summary>
internal sealed class OutboxJob : ITenantJob
{
    public string Name => "notifications-outbox";

    public string Cron => "0/20 * * * * ?";

    public async Task ExecuteAsync(IServiceProvider services, CancellationToken ct)
    {
        if ((await services.GetRequiredService<DocumentStore>().GetAsync<OutboxSettings>(ct)).Paused) return;
        await services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(ct);
        var waiting = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.LongCountAsync(
            services.GetRequiredService<TenantDbContext>().Set<Models.NotificationMessage>(), m => m.Status == Models.NotificationStatus.Pending, ct);
        Metrology.Core.Diagnostics.MetrologyMetrics.OutboxBacklog(services.GetRequiredService<Metrology.Core.Tenants.TenantContext>().Tenant.Name, waiting);
    }
}
