using System.Data.Common;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Metrology.Core.Data;

/// <summary>
/// The database of one tenant. Its model is the framework's tables (identity, documents) plus what
/// every module's <see cref="IModelConfiguration"/> adds; the schema comes from the modules' migrations.
/// A committed save of a user, a role, a user's roles, a role's permissions or an <see cref="IAccessRecord"/> empties
/// the tenant's <see cref="UserAccessCache"/> (after the commit when the save is part of a transaction).
/// Contexts are pooled per tenant (<see cref="TenantDbContextPools"/>, ADR 0020): the tenant, the caches and the modules come
/// with the pool's options (<see cref="Tenant"/>), and what an instance keeps between calls is reset when it is handed back.
/// </summary>
public sealed class TenantDbContext(DbContextOptions<TenantDbContext> options) : IdentityDbContext<User, Role, string>(options)
{
    public DbSet<Document> Documents => Set<Document>();

    private readonly Tenant _tenant = options.FindExtension<Tenant>()
        ?? throw new InvalidOperationException("TenantDbContext is created by TenantDbContextPools, with the tenant in its options.");
    private bool _accessChangedInTransaction;

    /// <summary>The context's only state of its own: reset when a request's scope hands it back to the pool (and when it is disposed for good).</summary>
    public override void Dispose()
    {
        _accessChangedInTransaction = false;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _accessChangedInTransaction = false;
        return base.DisposeAsync();
    }

    /// <summary>Whether a save in the open transaction changed users, roles or enterprises (for tests of the pool's reset).</summary>
    internal bool AccessChangedInTransaction => _accessChangedInTransaction;

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
        return _tenant.Caches.AccessChangedAsync(_tenant.Name);
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
                await db._tenant.Caches.AccessChangedAsync(db._tenant.Name);
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
        foreach (var module in _tenant.Modules)
        {
            module.Configure(builder);
        }
    }

    /// <summary>
    /// The tenant a pool's contexts belong to, with what they need of the application (singletons): carried in the pool's
    /// options, so a pooled context is created from its options alone. It changes nothing in EF Core's internal services,
    /// so every tenant's contexts share them.
    /// </summary>
    public sealed class Tenant(string name, TenantCaches caches, IReadOnlyList<IModelConfiguration> modules) : IDbContextOptionsExtension
    {
        public string Name { get; } = name;
        public TenantCaches Caches { get; } = caches;
        public IReadOnlyList<IModelConfiguration> Modules { get; } = modules;

        public DbContextOptionsExtensionInfo Info => field ??= new TenantInfo(this);

        public void ApplyServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { }

        public void Validate(IDbContextOptions options) { }

        private sealed class TenantInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;
            public override string LogFragment => "";
            public override int GetServiceProviderHashCode() => 0;
            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is TenantInfo;
            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
        }
    }
}
