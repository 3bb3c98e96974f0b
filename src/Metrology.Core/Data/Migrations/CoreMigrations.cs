using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Core.Data.Migrations;

/// <summary>The framework's tables in every tenant: users, roles and their claims, documents.</summary>
internal sealed class CoreMigrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateIdentityAndDocuments];

    private static void CreateIdentityAndDocuments(MigrationBuilder b)
    {
        b.CreateTable("AspNetRoles", t => new
        {
            Id = t.Column<string>(nullable: false),
            Description = t.Column<string>(maxLength: 200, nullable: true),
            Name = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        b.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<string>(nullable: false),
            DisplayName = t.Column<string>(maxLength: 100, nullable: true),
            IsEnabled = t.Column<bool>(nullable: false),
            MustChangePassword = t.Column<bool>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        b.CreateTable("Documents", t => new
        {
            Id = t.Column<string>(maxLength: 100, nullable: false),
            Json = t.Column<string>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Documents", x => x.Id));

        ClaimTable(b, "AspNetRoleClaims", "RoleId", "AspNetRoles");
        ClaimTable(b, "AspNetUserClaims", "UserId", "AspNetUsers");

        b.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(nullable: false),
            ProviderKey = t.Column<string>(nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateTable("AspNetUserRoles", t => new
        {
            UserId = t.Column<string>(nullable: false),
            RoleId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<string>(nullable: false),
            LoginProvider = t.Column<string>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        b.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        b.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        b.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        b.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        b.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        b.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        b.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
    }

    private static void ClaimTable(MigrationBuilder b, string table, string ownerColumn, string ownerTable) =>
        b.CreateTable(table, t => new
        {
            Id = t.Identity(),
            Owner = t.Column<string>(name: ownerColumn, nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey($"PK_{table}", x => x.Id);
            t.ForeignKey($"FK_{table}_{ownerTable}_{ownerColumn}", x => x.Owner, ownerTable, "Id", onDelete: ReferentialAction.Cascade);
        });
}
