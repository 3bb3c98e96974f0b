using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Core.Data.Migrations;

/// <summary>The host's tables in the Default tenant's database: the tenant registry and data-protection keys.</summary>
internal sealed class HostMigrations : DataMigration
{
    public override string ModuleId => "Metrology.Host";

    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateRegistry, CreateAuditLog];

    private static void CreateRegistry(MigrationBuilder b)
    {
        b.CreateTable("Tenants", t => new
        {
            Name = t.Column<string>(maxLength: 64, nullable: false),
            Description = t.Column<string>(maxLength: 500, nullable: true),
            State = t.Column<int>(nullable: false),
            RequestUrlPrefix = t.Column<string>(maxLength: 64, nullable: true),
            RequestUrlHosts = t.Column<string>(maxLength: 500, nullable: true),
            DatabaseProvider = t.Column<int>(nullable: false),
            ConnectionString = t.Column<string>(maxLength: 1000, nullable: true),
            Schema = t.Column<string>(maxLength: 64, nullable: true),
            RecipeName = t.Column<string>(maxLength: 64, nullable: true),
            Features = t.Column<string>(maxLength: 2000, nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            SetupError = t.Column<string>(maxLength: 4000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Tenants", x => x.Name));

        b.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Identity(),
            FriendlyName = t.Column<string>(maxLength: 200, nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    // The tenant administration's audit log (its entity and mapping are the Tenants feature's, HostAuditModel). It was
    // created here before features could add host tables, and a step that ran stays as it is.
    private static void CreateAuditLog(MigrationBuilder b)
    {
        b.CreateTable("HostAuditLog", t => new
        {
            Id = t.Identity(),
            TimeUtc = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: false),
            Action = t.Column<string>(maxLength: 64, nullable: false),
            Tenant = t.Column<string>(maxLength: 64, nullable: false),
            Succeeded = t.Column<bool>(nullable: false),
            Detail = t.Column<string>(maxLength: 4000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_HostAuditLog", x => x.Id));
        b.CreateIndex("IX_HostAuditLog_TimeUtc", "HostAuditLog", "TimeUtc");
    }
}
