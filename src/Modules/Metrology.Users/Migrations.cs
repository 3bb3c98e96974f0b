using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Users;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreatePasswordResetCodes];

    private static void CreatePasswordResetCodes(MigrationBuilder b)
    {
        b.CreateTable("PasswordResetCodes", t => new
        {
            Id = t.Identity(),
            Mobile = t.Column<string>(maxLength: 20, nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: true),
            CodeHash = t.Column<string>(maxLength: 100, nullable: false),
            Salt = t.Column<string>(maxLength: 50, nullable: false),
            FailedAttempts = t.Column<int>(nullable: false),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            ExpiresUtc = t.Column<DateTime>(nullable: false),
            ClosedUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_PasswordResetCodes", x => x.Id));
        b.CreateIndex("IX_PasswordResetCodes_Mobile_CreatedUtc", "PasswordResetCodes", ["Mobile", "CreatedUtc"]);
    }
}
