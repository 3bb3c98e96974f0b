using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Contents;

/// <summary>The module's index tables: children of lists, and the search index (FTS5 on SQLite).</summary>
internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateListIndex, CreateSearchIndex];

    private static void CreateListIndex(MigrationBuilder b)
    {
        b.CreateTable("ContentListItems", t => new
        {
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
            ContainerId = t.Column<string>(maxLength: 32, nullable: false),
            ContentType = t.Column<string>(maxLength: 64, nullable: false),
            Position = t.Column<int>(nullable: false),
            Published = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentListItems", x => x.ContentItemId));
        b.CreateIndex("IX_ContentListItems_ContainerId_Position", "ContentListItems", ["ContainerId", "Position"]);
    }

    private static void CreateSearchIndex(MigrationBuilder b)
    {
        b.CreateTable("ContentSearch", t => new
        {
            Id = t.Identity(),
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
            ContentType = t.Column<string>(maxLength: 64, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: true),
            Url = t.Column<string>(maxLength: 300, nullable: false),
            Text = t.Column<string>(nullable: false),
            PublishedUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ContentSearch", x => x.Id));
        b.CreateIndex("IX_ContentSearch_ContentItemId", "ContentSearch", "ContentItemId", unique: true);
        if (b.ActiveProvider != "Microsoft.EntityFrameworkCore.Sqlite") return;
        // Trigram tokens find Chinese words of three characters or more without a dictionary; the
        // triggers keep the full-text table in the transaction that changes the index row.
        b.Sql("CREATE VIRTUAL TABLE ContentSearchFts USING fts5(Title, Text, content='ContentSearch', content_rowid='Id', tokenize='trigram')");
        b.Sql("CREATE TRIGGER ContentSearch_ai AFTER INSERT ON ContentSearch BEGIN INSERT INTO ContentSearchFts(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text); END");
        b.Sql("CREATE TRIGGER ContentSearch_ad AFTER DELETE ON ContentSearch BEGIN INSERT INTO ContentSearchFts(ContentSearchFts, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text); END");
        b.Sql("CREATE TRIGGER ContentSearch_au AFTER UPDATE ON ContentSearch BEGIN INSERT INTO ContentSearchFts(ContentSearchFts, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text); INSERT INTO ContentSearchFts(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text); END");
    }
}
