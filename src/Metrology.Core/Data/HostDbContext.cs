using Metrology.Core.Tenants;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Data;

/// <summary>Tables of the host that live in the Default tenant's database: the tenant registry and shared keys.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    public DbSet<TenantSettings> Tenants => Set<TenantSettings>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<HostAuditEntry> AuditLog => Set<HostAuditEntry>();

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
        builder.Entity<HostAuditEntry>(a =>
        {
            a.ToTable("HostAuditLog");
            a.HasKey(x => x.Id);
            a.Property(x => x.UserName).HasMaxLength(256);
            a.Property(x => x.Action).HasMaxLength(64);
            a.Property(x => x.Tenant).HasMaxLength(64);
            a.Property(x => x.Detail).HasMaxLength(4000);
            a.HasIndex(x => x.TimeUtc).HasDatabaseName("IX_HostAuditLog_TimeUtc");
        });
        builder.Entity<DataProtectionKey>(k =>
        {
            k.ToTable("DataProtectionKeys");
            k.HasKey(x => x.Id);
            k.Property(x => x.FriendlyName).HasMaxLength(200);
        });
    }
}

public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

/// <summary>One action of a host administrator on a tenant: who, what, when, and how it ended.</summary>
public sealed class HostAuditEntry
{
    public int Id { get; set; }
    public DateTime TimeUtc { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public string Tenant { get; set; } = "";
    public bool Succeeded { get; set; }
    public string? Detail { get; set; }
}
