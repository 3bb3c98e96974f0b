using Metrology.Core.Content;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Core.Data;

/// <summary>
/// The database of one tenant. Its model is the framework's tables (identity, documents) plus what
/// every module's <see cref="IModelConfiguration"/> adds; the schema comes from the modules' migrations.
/// </summary>
public sealed class TenantDbContext(DbContextOptions<TenantDbContext> options, IEnumerable<IModelConfiguration> modules)
    : IdentityDbContext<User, Role, string>(options)
{
    public DbSet<Document> Documents => Set<Document>();

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
