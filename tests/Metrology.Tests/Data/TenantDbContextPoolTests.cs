using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Data;

/// <summary>
/// <see cref="TenantDbContextPools"/> (ADR 0020): a request's context comes from its tenant's pool and goes back to it when
/// the scope ends, and nothing one scope left in it (tracked entities, change-tracker settings, the access-changed flag
/// of a transaction that was not committed) is seen by the next scope, of the same tenant or of another.
/// </summary>
public sealed class TenantDbContextPoolTests(SiteFactory site)
{
    private async Task<T> InTenantAsync<T>(TenantSettings tenant, Func<TenantDbContext, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => result = await work(s.GetRequiredService<TenantDbContext>()));
        return result;
    }

    /// <summary>Starts the tenant's pool anew, so the next scopes rent the contexts this test hands back (one at a time: the same one).</summary>
    private void FreshPool(TenantSettings tenant) => site.Services.GetRequiredService<TenantDbContextPools>().Remove(tenant.Name);

    [Fact]
    public async Task A_context_handed_back_carries_nothing_to_the_next_scope_of_its_tenant_or_another()
    {
        var one = await site.CreateTenantAsync("PoolA");
        var two = await site.CreateTenantAsync("PoolB");
        FreshPool(one);

        string? oneDatabase = null;
        var first = await InTenantAsync(one, async db =>
        {
            oneDatabase = db.Database.GetConnectionString();
            Assert.NotNull(await db.Roles.FirstOrDefaultAsync()); // tracked
            db.Documents.Add(new Document { Id = "pool-probe", Json = "{}" }); // added, never saved
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            Assert.Equal(2, db.ChangeTracker.Entries().Count());
            return db;
        });

        // Another tenant: another pool, another database.
        await InTenantAsync(two, async db =>
        {
            Assert.NotSame(first, db);
            Assert.Empty(db.ChangeTracker.Entries());
            Assert.NotEqual(oneDatabase, db.Database.GetConnectionString());
            Assert.False(await db.Documents.AnyAsync(d => d.Id == "pool-probe"));
            return 0;
        });

        // The same tenant again: the very context (it was pooled), reset.
        await InTenantAsync(one, async db =>
        {
            Assert.Same(first, db);
            Assert.Empty(db.ChangeTracker.Entries());
            Assert.Equal(QueryTrackingBehavior.TrackAll, db.ChangeTracker.QueryTrackingBehavior);
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
            Assert.False(await db.Documents.AnyAsync(d => d.Id == "pool-probe"));
            return 0;
        });
    }

    [Fact]
    public async Task An_access_change_left_uncommitted_by_one_scope_does_not_empty_the_access_cache_when_the_next_commits()
    {
        var tenant = await site.CreateTenantAsync("PoolAccess");
        FreshPool(tenant);
        var caches = site.Services.GetRequiredService<TenantCaches>();

        // A role changed in a transaction that is never committed (the scope ends first: the transaction rolls back).
        var first = await InTenantAsync(tenant, async db =>
        {
            await db.Database.BeginTransactionAsync();
            (await db.Roles.FirstAsync()).Description = "未提交的修改";
            await db.SaveChangesAsync();
            Assert.True(db.AccessChangedInTransaction);
            return db;
        });

        var token = caches.AccessToken(tenant.Name);
        await InTenantAsync(tenant, async db =>
        {
            Assert.Same(first, db);
            Assert.False(db.AccessChangedInTransaction);
            Assert.NotEqual("未提交的修改", (await db.Roles.FirstAsync()).Description);
            // A transaction that changes no access record: its commit must not empty the access cache.
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Documents.Add(new Document { Id = "pool-commit", Json = "{}" });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return 0;
        });
        Assert.False(token.HasChanged);

        // And a committed access change still empties it.
        await InTenantAsync(tenant, async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            (await db.Roles.FirstAsync()).Description = "已提交的修改";
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return 0;
        });
        Assert.True(token.HasChanged);
    }

    [Fact]
    public async Task A_deactivated_tenants_pool_is_disposed_and_the_next_request_gets_a_new_one()
    {
        var tenant = await site.CreateTenantAsync("PoolOff");
        FreshPool(tenant);
        var idle = await InTenantAsync(tenant, db => Task.FromResult(db));

        var activator = site.Services.GetRequiredService<TenantActivator>();
        await activator.DeactivateAsync(tenant);
        Assert.Throws<ObjectDisposedException>(() => idle.Model);

        await activator.EnsureActivatedAsync(tenant);
        await InTenantAsync(tenant, async db =>
        {
            Assert.NotSame(idle, db);
            Assert.True(await db.Roles.AnyAsync());
            return 0;
        });
    }
}
