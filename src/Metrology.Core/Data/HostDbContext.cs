using Metrology.Core.Tenants;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Data;

/// <summary>
/// Tables of the host that live in the Default tenant's database: the tenant registry and shared keys, plus what
/// features add with <see cref="IHostModelConfiguration"/> (the tenant administration's audit log).
/// </summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options, IEnumerable<IHostModelConfiguration> configurations)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<TenantSettings> Tenants => Set<TenantSettings>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<TenantSettings>(t =>
        {
            t.ToTable("Tenants");
            t.HasKey(x => x.Name);
            t.Property(x => x.Name).HasMaxLength(64);
            t.Property(x => x.Description).HasMaxLength(500);
            t.Property(x => x.RequestUrlPrefix).HasMaxLength(64);
            t.Property(x => x.RequestUrlHosts).HasMaxLength(500);
            t.Property(x => x.ConnectionString).HasMaxLength(1000);
            t.Property(x => x.Schema).HasMaxLength(64);
            t.Property(x => x.RecipeName).HasMaxLength(64);
            t.Property(x => x.Features).HasMaxLength(2000);
            t.Property(x => x.SetupError).HasMaxLength(4000);
            t.Ignore(x => x.IsDefault);
            t.Ignore(x => x.HostList);
            t.Ignore(x => x.FeatureList);
        });
        builder.Entity<DataProtectionKey>(k =>
        {
            k.ToTable("DataProtectionKeys");
            k.HasKey(x => x.Id);
            k.Property(x => x.FriendlyName).HasMaxLength(200);
            // The table of the released host step (same columns as EF's store expects): existing keys stay readable.
            k.Property(x => x.Xml).IsRequired();
        });
        foreach (var configuration in configurations) configuration.Configure(builder);
    }
}
