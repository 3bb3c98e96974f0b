using Metrology.Core.Data;
using Metrology.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Metrology.Instruments;

internal sealed class Migrations : DataMigration
{
    public override IReadOnlyList<Action<MigrationBuilder>> Steps => [CreateIndex, IndexValidUntil, AddFilingColumns, IndexDue, IndexLibrarySorts, IndexStaffList, IndexLibraryPages, IndexLibraryCreated, CountInstruments, PinCountFunctions];

    private static void CreateIndex(MigrationBuilder b)
    {
        b.CreateTable("InstrumentIndex", t => new
        {
            ContentItemId = t.Column<string>(maxLength: 32, nullable: false),
            EnterpriseId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            ModelSpec = t.Column<string>(maxLength: 100, nullable: false),
            SerialNumber = t.Column<string>(maxLength: 100, nullable: false),
            OwnNumber = t.Column<string>(maxLength: 50, nullable: true),
            Manufacturer = t.Column<string>(maxLength: 100, nullable: true),
            CatalogCode = t.Column<string>(maxLength: 20, nullable: true),
            RegionCode = t.Column<string>(maxLength: 6, nullable: true),
            Department = t.Column<string>(maxLength: 20, nullable: true),
            Usage = t.Column<int>(nullable: true),
            Method = t.Column<int>(nullable: true),
            Mandatory = t.Column<bool>(nullable: false),
            FilingStatus = t.Column<int>(nullable: false),
            FilingInstitutionId = t.Column<int>(nullable: true),
            Active = t.Column<bool>(nullable: false),
            ValidUntil = t.Column<DateOnly>(nullable: true),
            CreatedUtc = t.Column<DateTime>(nullable: false),
            IdentityKey = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_InstrumentIndex", x => x.ContentItemId));
        b.CreateIndex("IX_InstrumentIndex_EnterpriseId_IdentityKey", "InstrumentIndex", ["EnterpriseId", "IdentityKey"], unique: true);
        b.CreateIndex("IX_InstrumentIndex_EnterpriseId_Active_CreatedUtc", "InstrumentIndex", ["EnterpriseId", "Active", "CreatedUtc"]);
        b.CreateIndex("IX_InstrumentIndex_EnterpriseId_Active_Name", "InstrumentIndex", ["EnterpriseId", "Active", "Name"]);
        b.CreateIndex("IX_InstrumentIndex_FilingInstitutionId_ValidUntil", "InstrumentIndex", ["FilingInstitutionId", "ValidUntil"]);
    }

    /// <summary>The valid-until range (due soon) is a filter of every library: without this it reads each of the enterprise's rows.</summary>
    private static void IndexValidUntil(MigrationBuilder b) =>
        b.CreateIndex("IX_InstrumentIndex_EnterpriseId_Active_ValidUntil", "InstrumentIndex", ["EnterpriseId", "Active", "ValidUntil"]);

    /// <summary>What filing lines and booking windows read: the location (安装地点) and the day the filing was accepted.</summary>
    private static void AddFilingColumns(MigrationBuilder b)
    {
        b.AddColumn<string>("Location", "InstrumentIndex", maxLength: 100, nullable: true);
        b.AddColumn<DateOnly>("FiledOn", "InstrumentIndex", nullable: true);
    }

    /// <summary>The reminders and the overdue follow-up read the due rows of every enterprise by valid-until.</summary>
    private static void IndexDue(MigrationBuilder b) =>
        b.CreateIndex("IX_InstrumentIndex_Due", "InstrumentIndex", ["ValidUntil", "EnterpriseId"], filter: "\"Active\" AND \"Mandatory\"");

    /// <summary>
    /// The library's sorts read in index order, with the row id as the last key (the list's tie-breaker), so a page is
    /// read off the index instead of sorting the enterprise's rows; the filters that go with a sort are in its index
    /// (covering), so they are checked without reading the row. See docs/performance.md.
    /// </summary>
    private static void IndexLibrarySorts(MigrationBuilder b)
    {
        b.DropIndex("IX_InstrumentIndex_EnterpriseId_Active_CreatedUtc", "InstrumentIndex");
        b.DropIndex("IX_InstrumentIndex_EnterpriseId_Active_Name", "InstrumentIndex");
        b.DropIndex("IX_InstrumentIndex_EnterpriseId_Active_ValidUntil", "InstrumentIndex");
        b.CreateIndex("IX_InstrumentIndex_Library_Created", "InstrumentIndex", ["EnterpriseId", "Active", "CreatedUtc", "ContentItemId"]);
        b.CreateIndex("IX_InstrumentIndex_Library_Name", "InstrumentIndex", ["EnterpriseId", "Active", "Name", "ContentItemId"]);
        b.CreateIndex("IX_InstrumentIndex_Library_Valid", "InstrumentIndex", ["EnterpriseId", "Active", "ValidUntil", "Mandatory", "ContentItemId"]);
        b.CreateIndex("IX_InstrumentIndex_Library_Serial", "InstrumentIndex", ["EnterpriseId", "Active", "SerialNumber", "ContentItemId", "Name", "Usage"]);
    }

    /// <summary>
    /// Staff's list reads the active rows by (ValidUntil, ContentItemId) — of one institution, or of all — in index order
    /// (keyset paging, <see cref="StaffInstrumentList"/>), instead of sorting every active row of the tenant for each page.
    /// </summary>
    private static void IndexStaffList(MigrationBuilder b)
    {
        b.CreateIndex("IX_InstrumentIndex_Staff", "InstrumentIndex", ["Active", "ValidUntil", "ContentItemId"]);
        b.CreateIndex("IX_InstrumentIndex_Staff_Institution", "InstrumentIndex", ["FilingInstitutionId", "Active", "ValidUntil", "ContentItemId"]);
    }

    /// <summary>
    /// The library reads a page's ids off the sort's index before it reads those rows (<c>InstrumentLibrary.PageRowsAsync</c>).
    /// A valid-until range is read off this index under any sort: it carries the tie-breaker in the valid-until sort's order
    /// and the creation time the default sort needs, so the range's rows are filtered and sorted in the index, not read.
    /// </summary>
    private static void IndexLibraryPages(MigrationBuilder b)
    {
        b.DropIndex("IX_InstrumentIndex_Library_Valid", "InstrumentIndex");
        b.CreateIndex("IX_InstrumentIndex_Library_ValidUntil", "InstrumentIndex", ["EnterpriseId", "Active", "ValidUntil", "ContentItemId", "Mandatory", "CreatedUtc"]);
    }

    /// <summary>
    /// The default sort's index holds the valid-until date and 强检 too, so a page of a valid-until range read in that order
    /// (<c>InstrumentFilter.Where(many:)</c>) checks them in the index: PostgreSQL then reads the page's 21 entries
    /// backwards instead of every entry of the enterprise's valid-until index (docs/performance.md, sixth pass).
    /// </summary>
    private static void IndexLibraryCreated(MigrationBuilder b)
    {
        b.DropIndex("IX_InstrumentIndex_Library_Created", "InstrumentIndex");
        b.CreateIndex("IX_InstrumentIndex_Library_Created", "InstrumentIndex", ["EnterpriseId", "Active", "CreatedUtc", "ContentItemId", "ValidUntil", "Mandatory"]);
    }

    /// <summary>
    /// Each enterprise's count of rows in use and deactivated, kept by triggers (ADR 0025): the library's whole-list count read
    /// ≈1,000 index entries on each page (≈9% of the page's CPU; docs/performance.md, fifteenth pass) and said "超过 1000 台".
    /// </summary>
    private static void CountInstruments(MigrationBuilder b)
    {
        b.CreateTable("InstrumentCount", t => new
        {
            EnterpriseId = t.Column<int>(nullable: false),
            Active = t.Column<bool>(nullable: false),
            Count = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_InstrumentCount", x => new { x.EnterpriseId, x.Active }));
        b.Sql(InstrumentCountSql.BackFill);
        foreach (var sql in InstrumentCountSql.CreateTriggers(b.ActiveProvider!)) b.Sql(sql);
    }

    /// <summary>
    /// PostgreSQL: the count's trigger functions keep the tenant's schema. Made by <see cref="CountInstruments"/> without it,
    /// they looked their tables up on the writing session's search_path, and a write from any other path failed.
    /// </summary>
    private static void PinCountFunctions(MigrationBuilder b)
    {
        foreach (var sql in InstrumentCountSql.PinSearchPath(b.ActiveProvider!)) b.Sql(sql);
    }
}
