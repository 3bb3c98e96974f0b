using Metrology.Core.Data;
using Metrology.Core.Settings;
using Metrology.Core.Tenants;
using Metrology.Notifications;
using Metrology.Notifications.Models;
using Metrology.Notifications.Outbox;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Notifications;

/// <summary>A clock that the test moves forward, so that a retry's back-off can pass without waiting.</summary>
public sealed class TestClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>Helpers over a test class's own tenant: run code in its scope, read its outbox, drive delivery.</summary>
public sealed class NotificationTenant(SiteFactory site, TenantSettings tenant)
{
    public TenantSettings Tenant => tenant;

    public string Prefix => "/" + tenant.RequestUrlPrefix;

    public static async Task<NotificationTenant> CreateAsync(SiteFactory site, string name, bool paused = true)
    {
        var t = new NotificationTenant(site, await site.CreateTenantAsync(name));
        // The delivery job runs every 20 s in every tenant; the tests drive delivery themselves.
        if (paused) await t.SaveAsync(new OutboxSettings { Paused = true });
        // The recipe's demo filings queue their result SMS; these tests count and deliver only their own messages.
        await t.RunAsync(s => s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<Metrology.Notifications.Models.NotificationMessage>().ExecuteDeleteAsync());
        return t;
    }

    public Task RunAsync(Func<IServiceProvider, Task> work) => site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, work);

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await RunAsync(async s => { result = await work(s); });
        return result;
    }

    public Task SaveAsync<T>(T document) => RunAsync(s => s.GetRequiredService<DocumentStore>().SaveAsync(document));

    public Task<T> GetAsync<T>() where T : new() => RunAsync(s => s.GetRequiredService<DocumentStore>().GetAsync<T>());

    /// <summary>Queues through the outbox and saves, as a caller with nothing else to save does.</summary>
    public Task<int> QueueAsync(Func<NotificationOutbox, Task<NotificationMessage>> queue) => RunAsync(async s =>
    {
        var message = await queue(s.GetRequiredService<NotificationOutbox>());
        await s.GetRequiredService<TenantDbContext>().SaveChangesAsync();
        return message.Id;
    });

    public Task<NotificationMessage?> FindAsync(int id) => RunAsync(s =>
        s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking().Include(m => m.Attachments).FirstOrDefaultAsync(m => m.Id == id));

    public Task<List<NotificationMessage>> MessagesAsync(Func<IQueryable<NotificationMessage>, IQueryable<NotificationMessage>> filter) => RunAsync(s =>
        filter(s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking()).ToListAsync());

    /// <summary>One run of the delivery job's work, at the clock's time.</summary>
    public Task<int> DeliverDueAsync(TimeProvider? clock = null) => RunAsync(s =>
        (clock is null ? s.GetRequiredService<OutboxDelivery>() : ActivatorUtilities.CreateInstance<OutboxDelivery>(s, clock)).DeliverDueAsync());
}
