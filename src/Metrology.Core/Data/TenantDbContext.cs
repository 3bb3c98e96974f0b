using System.Data.Common;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Metrology.Core.Data;

/// <summary>
/// The database of one tenant. Its model is the framework's tables (identity, documents) plus what
/// every module's <see cref="IModelConfiguration"/> adds; the schema comes from the modules' migrations.
/// A committed save of a user, a role, a user's roles, a role's permissions or an <see cref="IAccessRecord"/> empties
/// the tenant's <see cref="UserAccessCache"/> (after the commit when the save is part of a transaction).
/// </summary>
public sealed class TenantDbContext(DbContextOptions<TenantDbContext> options, IEnumerable<IModelConfiguration> modules, TenantContext tenant, TenantCaches caches)
    : IdentityDbContext<User, Role, string>(options)
{
    public DbSet<Document> Documents => Set<Document>();

    private readonly TenantContext _tenant = tenant;
    private readonly TenantCaches _caches = caches;
    private bool _accessChangedInTransaction;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var access = ChangesAccess();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (access) await AccessChangedAsync();
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var access = ChangesAccess();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        if (access) AccessChangedAsync().GetAwaiter().GetResult();
        return saved;
    }

    private bool ChangesAccess() => ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && e.Entity is User or Role or IdentityUserRole<string> or IdentityRoleClaim<string> or IAccessRecord);

    private Task AccessChangedAsync()
    {
        if (Database.CurrentTransaction is not null)
        {
            _accessChangedInTransaction = true;
            return Task.CompletedTask;
        }
        return _caches.AccessChangedAsync(_tenant.Tenant.Name);
    }

    /// <summary>Empties the access cache once a transaction that saved such a change commits (before, another request could read and keep the old state).</summary>
    internal sealed class AccessCommits : DbTransactionInterceptor
    {
        public static readonly AccessCommits Instance = new();

        public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is TenantDbContext { _accessChangedInTransaction: true } db)
            {
                db._accessChangedInTransaction = false;
                await db._caches.AccessChangedAsync(db._tenant.Tenant.Name);
            }
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
            TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is TenantDbContext db) db._accessChangedInTransaction = false;
            return Task.CompletedTask;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
        });
        builder.Entity<Role>(r => r.Property(x => x.Description).HasMaxLength(200));
        builder.Entity<Document>(d =>
        {
            d.ToTable("Documents");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).HasMaxLength(100);
            d.Property(x => x.Version).IsConcurrencyToken();
        });
        ContentModel.Configure(builder);
        foreach (var module in modules)
        {
            module.Configure(builder);
        }
    }
}
