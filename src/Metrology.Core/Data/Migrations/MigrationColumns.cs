using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace Metrology.Core.Data.Migrations;

/// <summary>Helpers for steps that must read the same on every provider.</summary>
public static class MigrationColumns
{
    /// <summary>An auto-increment integer key, on SQLite and on PostgreSQL.</summary>
    public static OperationBuilder<AddColumnOperation> Identity(this ColumnsBuilder table) =>
        table.Column<int>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
