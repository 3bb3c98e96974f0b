using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Core.Data.Migrations;

/// <summary>The framework's tables in every tenant: users, roles and their claims, documents.</summary>
internal sealed class CoreMigrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateIdentityAndDocuments, CreateContent, AddLockedUntilReset];

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

    private static void CreateContent(MigrationBuilder b)
    {
        b.CreateTable("ContentItems", t => new
        {
            Id = t.Identity(),
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
            ContentItemVersionId = t.Column<string>(maxLength: 32, nullable: false),
            ContentType = t.Column<string>(maxLength: 64, nullable: false),
            DisplayText = t.Column<string>(maxLength: 200, nullable: true),
            Path = t.Column<string>(maxLength: 200, nullable: true),
            Latest = t.Column<bool>(nullable: false),
            Published = t.Column<bool>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Owner = t.Column<string>(maxLength: 256, nullable: true),
            Author = t.Column<string>(maxLength: 256, nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ModifiedUtc = t.Column<DateTime>(nullable: false),
            PublishedUtc = t.Column<DateTime>(nullable: true),
            Json = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentItems", x => x.Id));
        b.CreateIndex("IX_ContentItems_ContentItemVersionId", "ContentItems", "ContentItemVersionId", unique: true);
        b.CreateIndex("IX_ContentItems_ContentItemId_Latest_Published", "ContentItems", ["ContentItemId", "Latest", "Published"]);
        b.CreateIndex("IX_ContentItems_ContentType_Latest_Published_ModifiedUtc", "ContentItems", ["ContentType", "Latest", "Published", "ModifiedUtc"]);
        b.CreateIndex("IX_ContentItems_Path_Published", "ContentItems", ["Path", "Published"]);

        b.CreateTable("ContentAuditLog", t => new
        {
            Id = t.Identity(),
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
            ContentItemVersionId = t.Column<string>(maxLength: 32, nullable: true),
            ContentType = t.Column<string>(maxLength: 64, nullable: false),
            Action = t.Column<string>(maxLength: 32, nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            TimeUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentAuditLog", x => x.Id));
        b.CreateIndex("IX_ContentAuditLog_ContentItemId", "ContentAuditLog", "ContentItemId");

        b.CreateTable("ContentRedirects", t => new
        {
            Path = t.Column<string>(maxLength: 200, nullable: false),
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentRedirects", x => x.Path));
    }

    /// <summary>The login rules' lock that only a password reset lifts.</summary>
    private static void AddLockedUntilReset(MigrationBuilder b) =>
        b.AddColumn<bool>("LockedUntilReset", "AspNetUsers", nullable: false, defaultValue: false);

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
