using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Instruments.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Metrology.Instruments;

/// <summary>
/// Where a page of the library starts: after a row (下一页), before a row (上一页), at the end (末页), or at the start; and
/// the count the list's first page took, which its page links carry (<see cref="Count"/>).
/// </summary>
public sealed record LibraryCursor(string? After = null, string? Before = null, bool Last = false, int? Count = null)
{
    /// <summary>
    /// The carried count when it is one a page of a list counting to <paramref name="bound"/> could have taken (0 to the
    /// bound + 1), else null. A page that starts from a row or at the end shows it instead of counting again (ADR 0018):
    /// the first page, and any change of filter or sort (links without it), count.
    /// </summary>
    public int? KnownCount(int bound) => Count >= 0 && Count <= (long)bound + 1 ? Count : null;
}

/// <summary>
/// A page of the library: its rows, the matching count (counted up to <paramref name="Bound"/> + 1, or exact when the bound
/// is <see cref="InstrumentLibrary.Exact"/>), and whether rows come before and after it.
/// </summary>
public sealed record LibraryPage(IReadOnlyList<InstrumentIndex> Rows, int Count, bool HasPrevious, bool HasNext, int Bound)
{
    /// <summary>More match than were counted: the count is a lower bound ("超过 200 台").</summary>
    public bool CountIsLowerBound => Count > Bound;

    /// <summary>The count is the enterprise's kept count, read again by every page: a link need not carry it.</summary>
    private bool Exact => Bound == InstrumentLibrary.Exact;

    /// <summary>
    /// The pager of this page, read with <paramref name="at"/>: <paramref name="link"/> makes the URL of a cursor with the
    /// number to show (the list's filters kept). The number is the one the link carried, 1 on the first page, and on the
    /// last page the count's (unknown when the count was bounded).
    /// </summary>
    public KeysetPager Pager(LibraryCursor at, int? shown, int size, Func<LibraryCursor, int?, string> link)
    {
        int? number = !HasPrevious ? 1
            : at.Last ? CountIsLowerBound ? null : Math.Max(1, (Count + size - 1) / size)
            : shown is > 1 and < 100_000 ? shown : null;
        return new KeysetPager(number, Count, CountIsLowerBound,
            First: HasPrevious ? link(new LibraryCursor(), null) : null,
            Previous: HasPrevious && Rows.Count > 0 ? link(new LibraryCursor(Before: Rows[0].ContentItemId, Count: Carried), number - 1) : null,
            Next: HasNext && Rows.Count > 0 ? link(new LibraryCursor(After: Rows[^1].ContentItemId, Count: Carried), number + 1) : null,
            Last: HasNext ? link(new LibraryCursor(Last: true, Count: Carried), null) : null);
    }

    private int? Carried => Exact ? null : Count;

    /// <summary>The list's own query string with a cursor's values, its carried count ("n") and the number to show ("p") added.</summary>
    public static Microsoft.AspNetCore.Http.QueryString Query(Microsoft.AspNetCore.Http.QueryString list, LibraryCursor at, int? shown)
    {
        var q = list;
        if (at.After is { } after) q = q.Add("after", after);
        if (at.Before is { } before) q = q.Add("before", before);
        if (at.Last) q = q.Add("last", "true");
        if (at.Count is { } n) q = q.Add("n", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (shown is { } p) q = q.Add("p", p.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return q;
    }
}

public sealed partial class InstrumentLibrary
{
    /// <summary>How far a page of staff's list counts its rows: beyond it the list says "more than", not how many (the export has them all).</summary>
    public const int CountBound = 1000;

    /// <summary>
    /// The "bound" of the whole library (in use, or deactivated): its count is the enterprise's <see cref="InstrumentCount"/>,
    /// which the database keeps (ADR 0025), exact and one row to read.
    /// </summary>
    public const int Exact = int.MaxValue;

    /// <summary>
    /// How far a page of a filtered list counts (<see cref="InstrumentFilter.CountBound"/>): a filter that matches one
    /// entry in eight read 8,000 entries to count to 1,000, most of its first page's cost (docs/performance.md, ninth pass).
    /// </summary>
    public const int FilteredCountBound = 200;

    /// <summary>
    /// A page of the enterprise's instruments that pass the filter, in its order, by keyset (<see cref="LibraryKeyset"/>): a
    /// deep page costs what the first does. A cursor row that is not the enterprise's (or is gone) gives the first page.
    /// Two statements: the cursor's row (a compiled query), then the page with the count (<see cref="PageRowsAsync"/>); a page
    /// of a filtered list after a row or at the end that carries the first page's count (<see cref="LibraryCursor.KnownCount"/>) does not count.
    /// The library as it opens is one statement of its own (<see cref="OpeningAsync"/>).
    /// </summary>
    public async Task<LibraryPage> PageAsync(int enterpriseId, InstrumentFilter filter, LibraryCursor at, int size, CancellationToken ct = default)
    {
        var anchorId = at.After ?? at.Before;
        var anchor = anchorId is null ? null : await RowOfAsync(db, enterpriseId, anchorId, ct);
        var bound = filter.CountBound;
        // The library as it opens (forwards from no cursor row, no filter, no sort asked for), the page an enterprise opens
        // most: its own statement, before any query is built (an empty list counts apart, below).
        if (anchor is null && !at.Last && !filter.Narrows && string.IsNullOrEmpty(filter.Sort))
        {
            var opening = await OpeningAsync(enterpriseId, filter.Active, size + 1, ct);
            if (opening.Count > 0)
            {
                var first = opening.ConvertAll(p => p.Row);
                if (first.Count > size) first.RemoveAt(size);
                return new(first, opening[0].Count, false, opening.Count > size, bound);
            }
        }
        var known = filter.Narrows && (anchor is not null || at.Last) ? at.KnownCount(bound) : null;
        var matching = filter.Where(db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.EnterpriseId == enterpriseId), many: known > bound);
        var backwards = at.Last || (at.Before is not null && anchor is not null);
        var paged = matching;
        if (anchor is not null)
        {
            var (column, descending) = filter.Order;
            paged = LibraryKeyset.After(matching, column, descending ^ backwards, anchor, NullsSmallest);
        }
        var (rows, count) = await PageRowsAsync(enterpriseId, filter, matching, paged, backwards, size, known, ct);
        var more = rows.Count > size;
        if (more) rows.RemoveAt(size);
        if (!backwards) return new(rows, count, anchor is not null, more, bound);
        rows.Reverse();
        // Back at the start: the first page, full, rather than the few rows that were before the cursor.
        if (!more && !at.Last) return await PageAsync(enterpriseId, filter, new LibraryCursor(), size, ct);
        return new(rows, count, more, !at.Last, bound);
    }

    /// <summary>
    /// Up to <paramref name="size"/> + 1 rows of <paramref name="paged"/> in the list's order, with the count in one statement
    /// (a subquery the database runs once; an empty page counts apart): the enterprise's kept count for the whole list, else
    /// <paramref name="matching"/> counted up to the filter's <see cref="InstrumentFilter.CountBound"/> + 1, or <paramref name="known"/> when the page's link carried it. A filtered list reads the page's ids off the sort's index first and then only
    /// those rows: a filter on a column the sort's index holds (see <c>Migrations.IndexLibraryPages</c>) is checked there,
    /// where reading the rows in the sort's order read every row the filter then refused. Unfiltered, the sort's index gives the page's rows at once.
    /// </summary>
    private async Task<(List<InstrumentIndex> Rows, int Count)> PageRowsAsync(int enterpriseId, InstrumentFilter filter, IQueryable<InstrumentIndex> matching,
        IQueryable<InstrumentIndex> paged, bool backwards, int size, int? known, CancellationToken ct)
    {
        var counted = filter.Narrows ? matching.Take(filter.CountBound + 1) : null;
        var kept = KeptCount(enterpriseId, filter.Active);
        var inOrder = filter.Sorted(paged, backwards).Take(size + 1);
        if (filter.Narrows)
        {
            var ids = inOrder.Select(i => i.ContentItemId);
            inOrder = filter.Sorted(db.Set<InstrumentIndex>().AsNoTracking().Where(i => ids.Contains(i.ContentItemId)), backwards);
        }
        if (known is int carried) return (await inOrder.Select(Listed).ToListAsync(ct), carried);
        var page = await inOrder.Select(WithCount(counted is null ? Expression.Call(QueryableSum, kept.Expression) : Expression.Call(QueryableCount, counted.Expression))).ToListAsync(ct);
        var count = page.Count > 0 ? page[0].Count : counted is null ? await kept.SumAsync(ct) : await counted.CountAsync(ct);
        return (page.ConvertAll(p => p.Row), count);
    }

    /// <summary>
    /// The columns the list shows (and <c>Lapsed</c> reads), not the whole row: the key, the manufacturer, the location and the
    /// other columns only the edit page shows are neither read nor materialized (the rows' materialization was ≈6% of the
    /// page's CPU; docs/performance.md, seventh pass). The cursor's row is read whole (<see cref="RowOfAsync"/>).
    /// </summary>
    private static readonly Expression<Func<InstrumentIndex, InstrumentIndex>> Listed = i => new InstrumentIndex
    {
        ContentItemId = i.ContentItemId, Name = i.Name, ModelSpec = i.ModelSpec, SerialNumber = i.SerialNumber, OwnNumber = i.OwnNumber,
        CatalogCode = i.CatalogCode, Department = i.Department, Usage = i.Usage, Mandatory = i.Mandatory, FilingStatus = i.FilingStatus,
        FiledOn = i.FiledOn, ValidUntil = i.ValidUntil, CreatedUtc = i.CreatedUtc,
    };

    /// <summary>The enterprise's kept count of its rows in use or deactivated (one row, or none before its first instrument).</summary>
    private IQueryable<int> KeptCount(int enterpriseId, bool active) =>
        db.Set<InstrumentCount>().Where(c => c.EnterpriseId == enterpriseId && c.Active == active).Select(c => c.Count);

    /// <summary>A listed row and the count, the count a subquery of the page's statement.</summary>
    private sealed class CountedRow
    {
        public InstrumentIndex Row { get; init; } = null!;
        public int Count { get; init; }
    }

    /// <summary>
    /// <c>i =&gt; new CountedRow { Row = (the listed columns of i), Count = (count) }</c>, with the count's query inlined:
    /// written as a lambda, the captured query is a closure EF Core compiles a delegate for on every request to read it.
    /// </summary>
    private static Expression<Func<InstrumentIndex, CountedRow>> WithCount(Expression count) =>
        Expression.Lambda<Func<InstrumentIndex, CountedRow>>(Expression.MemberInit(Expression.New(typeof(CountedRow)),
            Expression.Bind(CountedRowProperty, Listed.Body),
            Expression.Bind(CountedCountProperty, count)), Listed.Parameters);

    private static readonly System.Reflection.PropertyInfo CountedRowProperty = typeof(CountedRow).GetProperty(nameof(CountedRow.Row))!;
    private static readonly System.Reflection.PropertyInfo CountedCountProperty = typeof(CountedRow).GetProperty(nameof(CountedRow.Count))!;
    private static readonly System.Reflection.MethodInfo QueryableCount = new Func<IQueryable<InstrumentIndex>, int>(Queryable.Count).Method;
    private static readonly System.Reflection.MethodInfo QueryableSum = new Func<IQueryable<int>, int>(Queryable.Sum).Method;

    /// <summary>
    /// The library as it opens (no filter, newest first, the first page, counted), the page an enterprise opens most: the
    /// statement <see cref="PageRowsAsync"/> would send for it, as a query compiled once per EF model (see <see cref="RowOfAsync"/>),
    /// and on SQLite as <see cref="OpeningSql"/>, kept prepared. Built from LINQ on each request, EF Core spent ≈10% of the
    /// page's CPU building the expression and finding it in its query cache (docs/performance.md, ninth pass); the other
    /// shapes vary with the filter and sort.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<TenantDbContext, int, bool, int, IAsyncEnumerable<CountedRow>>> OpeningByModel = new();

    private async Task<List<CountedRow>> OpeningAsync(int enterpriseId, bool active, int take, CancellationToken ct)
    {
        if (NullsSmallest) // SQLite: the same statement, kept prepared (see OpeningSql)
            return SqlitePreparedReads.Query(db.Database.GetConnectionString()!, OpeningSql,
                [("@enterprise", enterpriseId), ("@active", active), ("@take", take)], ReadOpening);
        return await OpeningByModel.GetValue(db.Model, _ => EF.CompileAsyncQuery(Opening()))(db, enterpriseId, active, take).ToListAsync(ct);
    }

    /// <summary>
    /// <see cref="Opening"/> as EF Core writes it for SQLite, run by <see cref="SqlitePreparedReads"/>: SQLite's parser
    /// and planner took ≈9% of the page's CPU when every request prepared it again (docs/performance.md, fourteenth pass).
    /// A test checks that it reads what <see cref="Opening"/> reads.
    /// </summary>
    internal static readonly string OpeningSql = $"""
        SELECT "i"."ContentItemId", "i"."Name", "i"."ModelSpec", "i"."SerialNumber", "i"."OwnNumber", "i"."CatalogCode", "i"."Department",
            "i"."Usage", "i"."Mandatory", "i"."FilingStatus", "i"."FiledOn", "i"."ValidUntil", "i"."CreatedUtc",
            (SELECT COALESCE(SUM("i0"."Count"), 0) FROM "InstrumentCount" AS "i0" WHERE "i0"."EnterpriseId" = @enterprise AND "i0"."Active" = @active) AS "Count"
        FROM "InstrumentIndex" AS "i"
        WHERE "i"."EnterpriseId" = @enterprise AND "i"."Active" = @active
        ORDER BY "i"."CreatedUtc" DESC, "i"."ContentItemId" DESC
        LIMIT @take
        """;

    private static CountedRow ReadOpening(SqlitePreparedReads.Row r) => new()
    {
        Row = new InstrumentIndex
        {
            ContentItemId = r.String(0), Name = r.String(1), ModelSpec = r.String(2), SerialNumber = r.String(3), OwnNumber = r.NullableString(4),
            CatalogCode = r.NullableString(5), Department = r.NullableString(6), Usage = r.NullableInt32(7), Mandatory = r.Boolean(8),
            FilingStatus = (FilingStatus)r.Int32(9), FiledOn = r.NullableDateOnly(10), ValidUntil = r.NullableDateOnly(11), CreatedUtc = r.DateTime(12),
        },
        Count = r.Int32(13),
    };

    /// <summary>(context, enterprise, active, take) =&gt; the newest rows, listed with the bounded count (<see cref="WithCount"/>'s shape).</summary>
    private static Expression<Func<TenantDbContext, int, bool, int, IQueryable<CountedRow>>> Opening()
    {
        Expression<Func<TenantDbContext, int, bool, int, IQueryable<InstrumentIndex>>> page = (c, enterprise, active, take) =>
            c.Set<InstrumentIndex>().AsNoTracking().Where(i => i.EnterpriseId == enterprise).Where(i => i.Active == active)
                .OrderByDescending(i => i.CreatedUtc).ThenByDescending(i => i.ContentItemId).Take(take);
        Expression<Func<TenantDbContext, int, bool, int>> counted = (c, enterprise, active) =>
            c.Set<InstrumentCount>().Where(n => n.EnterpriseId == enterprise && n.Active == active).Select(n => n.Count).Sum();
        var countedHere = counted.Body;
        for (var p = 0; p < counted.Parameters.Count; p++)
            countedHere = ReplacingExpressionVisitor.Replace(counted.Parameters[p], page.Parameters[p], countedHere);
        var listed = Expression.Call(QueryableSelect, page.Body, Expression.Quote(WithCount(countedHere)));
        return Expression.Lambda<Func<TenantDbContext, int, bool, int, IQueryable<CountedRow>>>(listed, page.Parameters);
    }

    private static readonly System.Reflection.MethodInfo QueryableSelect =
        new Func<IQueryable<InstrumentIndex>, Expression<Func<InstrumentIndex, CountedRow>>, IQueryable<CountedRow>>(Queryable.Select).Method;

    /// <summary>
    /// The enterprise's row with that id (the cursor), or null: a compiled query, as it has one shape. EF Core runs a compiled
    /// query only with the model it was compiled for, and the model differs by provider and by a tenant's modules: one per model.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<TenantDbContext, int, string, CancellationToken, Task<InstrumentIndex?>>> RowOfByModel = new();

    private static Task<InstrumentIndex?> RowOfAsync(TenantDbContext db, int enterpriseId, string id, CancellationToken ct) =>
        RowOfByModel.GetValue(db.Model, _ => EF.CompileAsyncQuery((TenantDbContext c, int enterprise, string row, CancellationToken t) =>
            c.Set<InstrumentIndex>().AsNoTracking().FirstOrDefault(i => i.ContentItemId == row && i.EnterpriseId == enterprise)))(db, enterpriseId, id, ct);

    /// <summary>
    /// Where NULL sorts: first in ascending order on SQLite, last on PostgreSQL. Told by the connection's type: the provider's
    /// name is its assembly's name, which EF Core asks the runtime for on each call (≈0.8% of the library page's CPU).
    /// </summary>
    private bool NullsSmallest => db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection;
}
