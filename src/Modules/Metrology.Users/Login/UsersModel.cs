using Metrology.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Metrology.Users.Login;

/// <summary>The password reset codes in the tenant database model.</summary>
internal sealed class UsersModel : IModelConfiguration
{
    public void Configure(ModelBuilder builder) => builder.Entity<PasswordResetCode>(e =>
    {
        e.ToTable("PasswordResetCodes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Mobile).HasMaxLength(20);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.CodeHash).HasMaxLength(100);
        e.Property(x => x.Salt).HasMaxLength(50);
        e.HasIndex(x => new { x.Mobile, x.CreatedUtc }).HasDatabaseName("IX_PasswordResetCodes_Mobile_CreatedUtc");
    });
}
