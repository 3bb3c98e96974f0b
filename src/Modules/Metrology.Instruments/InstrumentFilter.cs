using Metrology.Instruments.Models;

namespace Metrology.Instruments;

/// <summary>The library's filters and sort, as the list's query string carries them across pages.</summary>
public sealed record InstrumentFilter
{
    public string? Name { get; init; }
    public string? Serial { get; init; }
    public string? Catalog { get; init; }
    public string? Department { get; init; }
    public int? Usage { get; init; }
    public bool? Mandatory { get; init; }
    public FilingStatus? Filing { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public bool Active { get; init; } = true;

    /// <summary>A column of <see cref="Columns"/>; "-" before it sorts descending.</summary>
    public string? Sort { get; init; }

    public static readonly IReadOnlyList<(string Key, string Label)> Columns =
    [
        ("name", "器具名称"), ("model", "型号规格"), ("serial", "出厂编号"), ("own", "自编号"), ("catalog", "种别代码"),
        ("department", "使用部门"), ("usage", "用途"), ("mandatory", "强检"), ("filing", "备案状态"), ("valid", "有效期至"), ("created", "录入时间"),
    ];

    /// <summary>The filtered rows in the list's order (an export, or the tests' reference order).</summary>
    public IQueryable<InstrumentIndex> Apply(IQueryable<InstrumentIndex> q) => Sorted(Where(q), reverse: false);

    /// <summary>Whether a filter other than active / deactivated is set (the list is then a part of the enterprise's rows).</summary>
    public bool Narrows => !string.IsNullOrWhiteSpace(Name) || !string.IsNullOrWhiteSpace(Serial) || !string.IsNullOrWhiteSpace(Catalog)
        || !string.IsNullOrWhiteSpace(Department) || Usage is not null || Mandatory is not null || Filing is not null
        || ValidFrom is not null || ValidTo is not null || CreatedFrom is not null || CreatedTo is not null;

    /// <summary>
    /// How far a page of this list counts its rows (ADR 0018): narrowed by a filter, to <see cref="InstrumentLibrary.FilteredCountBound"/>;
    /// the library, whole or its deactivated part, exactly (<see cref="InstrumentLibrary.Exact"/>: the enterprise's kept
    /// count, ADR 0025). A filtered count reads the list's index entries until it has found the bound + 1 matches, so its
    /// cost is the bound divided by the share of entries that match: one in eight for a name and a usage.
    /// </summary>
    public int CountBound => Narrows ? InstrumentLibrary.FilteredCountBound : InstrumentLibrary.Exact;

    /// <summary>
    /// The filters without an order (what a count needs). <paramref name="many"/>: more rows match than a page counts
    /// (<see cref="CountBound"/>), so reading the sort's index in order finds a page's 21 rows within (entries ÷ matches)
    /// × 21 entries, about 2,000 at most in a library of 20,000; a valid-until range under another sort is then written so that the database checks it on each
    /// entry rather than reading the whole range off its own index and sorting it (SQLite chose that, ≈5× the page's
    /// cost for a year's range; docs/performance.md, sixth pass). The rows are the same either way.
    /// </summary>
    public IQueryable<InstrumentIndex> Where(IQueryable<InstrumentIndex> q, bool many = false)
    {
        q = q.Where(i => i.Active == Active);
        if (!string.IsNullOrWhiteSpace(Catalog)) { var c = Catalog.Trim(); q = q.Where(i => i.CatalogCode == c); }
        if (!string.IsNullOrWhiteSpace(Department)) { var d = Department.Trim(); q = q.Where(i => i.Department == d); }
        if (Usage is int u) q = q.Where(i => i.Usage == u);
        if (Mandatory is bool m) q = q.Where(i => i.Mandatory == m);
        if (Filing is FilingStatus f) q = q.Where(i => i.FilingStatus == f);
        var inOrder = many && Order.Column.Key != "valid";
        // COALESCE keeps a NULL date out as the plain comparison does, as long as the bound is not the coalesced value itself.
        if (ValidFrom is DateOnly vf)
            q = inOrder && vf > DateOnly.MinValue ? q.Where(i => (i.ValidUntil ?? DateOnly.MinValue) >= vf) : q.Where(i => i.ValidUntil >= vf);
        if (ValidTo is DateOnly vt)
            q = inOrder && vt < DateOnly.MaxValue ? q.Where(i => (i.ValidUntil ?? DateOnly.MaxValue) <= vt) : q.Where(i => i.ValidUntil <= vt);
        if (CreatedFrom is DateOnly cf) { var from = cf.ToDateTime(TimeOnly.MinValue); q = q.Where(i => i.CreatedUtc >= from); }
        if (CreatedTo is DateOnly ct) { var to = ct.AddDays(1).ToDateTime(TimeOnly.MinValue); q = q.Where(i => i.CreatedUtc < to); }
        // The text searches last: SQLite checks the conditions in the order written, and an equality that refuses an entry
        // spares it the substring search (a count of name + usage read its entries ≈20% faster; docs/performance.md, ninth pass).
        if (!string.IsNullOrWhiteSpace(Name)) { var n = Name.Trim(); q = q.Where(i => i.Name.Contains(n)); }
        if (!string.IsNullOrWhiteSpace(Serial)) { var s = Serial.Trim(); q = q.Where(i => i.SerialNumber.Contains(s)); }
        return q;
    }

    /// <summary>The sort's column (created, newest first, when none or an unknown one is asked for) and its direction.</summary>
    internal (LibraryKeyset.Column Column, bool Descending) Order =>
        LibraryKeyset.Columns.TryGetValue(Sort?.TrimStart('-') ?? "", out var column) ? (column, Sort!.StartsWith('-')) : (LibraryKeyset.Columns["created"], true);

    /// <summary>
    /// In the sort's order, or the reverse (to read the page before a row, or the last page). The last key is unique
    /// (ContentItemId), so paging never repeats or skips a row; it goes in the sort's direction, so that an index ending
    /// with it (see Migrations.IndexLibrarySorts) gives the page in order, without sorting.
    /// </summary>
    internal IQueryable<InstrumentIndex> Sorted(IQueryable<InstrumentIndex> q, bool reverse)
    {
        var (column, desc) = Order;
        return LibraryKeyset.OrderBy(q, column, desc ^ reverse);
    }
}
