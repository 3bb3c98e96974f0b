using Metrology.Core.Data;
using Metrology.Tenants.Models;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Tenants;

/// <summary>The audit log's table in the host database (HostAuditLog, created by the host's step 2).</summary>
internal sealed class HostAuditModel : IHostModelConfiguration
{
    public void Configure(ModelBuilder builder) => builder.Entity<HostAuditEntry>(a =>
    {
        a.ToTable("HostAuditLog");
        a.HasKey(x => x.Id);
        a.Property(x => x.UserName).HasMaxLength(256);
        a.Property(x => x.Action).HasMaxLength(64);
        a.Property(x => x.Tenant).HasMaxLength(64);
        a.Property(x => x.Detail).HasMaxLength(4000);
        a.HasIndex(x => x.TimeUtc).HasDatabaseName("IX_HostAuditLog_TimeUtc");
    });
}
