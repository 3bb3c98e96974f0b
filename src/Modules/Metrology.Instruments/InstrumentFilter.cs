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

    public IQueryable<InstrumentIndex> Apply(IQueryable<InstrumentIndex> q)
    {
        q = q.Where(i => i.Active == Active);
        if (!string.IsNullOrWhiteSpace(Name)) { var n = Name.Trim(); q = q.Where(i => i.Name.Contains(n)); }
        if (!string.IsNullOrWhiteSpace(Serial)) { var s = Serial.Trim(); q = q.Where(i => i.SerialNumber.Contains(s)); }
        if (!string.IsNullOrWhiteSpace(Catalog)) { var c = Catalog.Trim(); q = q.Where(i => i.CatalogCode == c); }
        if (!string.IsNullOrWhiteSpace(Department)) { var d = Department.Trim(); q = q.Where(i => i.Department == d); }
        if (Usage is int u) q = q.Where(i => i.Usage == u);
        if (Mandatory is bool m) q = q.Where(i => i.Mandatory == m);
        if (Filing is FilingStatus f) q = q.Where(i => i.FilingStatus == f);
        if (ValidFrom is DateOnly vf) q = q.Where(i => i.ValidUntil >= vf);
        if (ValidTo is DateOnly vt) q = q.Where(i => i.ValidUntil <= vt);
        if (CreatedFrom is DateOnly cf) { var from = cf.ToDateTime(TimeOnly.MinValue); q = q.Where(i => i.CreatedUtc >= from); }
        if (CreatedTo is DateOnly ct) { var to = ct.AddDays(1).ToDateTime(TimeOnly.MinValue); q = q.Where(i => i.CreatedUtc < to); }
        return Sorted(q);
    }

    private IQueryable<InstrumentIndex> Sorted(IQueryable<InstrumentIndex> q)
    {
        var desc = Sort?.StartsWith('-') == true;
        IOrderedQueryable<InstrumentIndex> ordered = (Sort?.TrimStart('-')) switch
        {
            "name" => desc ? q.OrderByDescending(i => i.Name) : q.OrderBy(i => i.Name),
            "model" => desc ? q.OrderByDescending(i => i.ModelSpec) : q.OrderBy(i => i.ModelSpec),
            "serial" => desc ? q.OrderByDescending(i => i.SerialNumber) : q.OrderBy(i => i.SerialNumber),
            "own" => desc ? q.OrderByDescending(i => i.OwnNumber) : q.OrderBy(i => i.OwnNumber),
            "catalog" => desc ? q.OrderByDescending(i => i.CatalogCode) : q.OrderBy(i => i.CatalogCode),
            "department" => desc ? q.OrderByDescending(i => i.Department) : q.OrderBy(i => i.Department),
            "usage" => desc ? q.OrderByDescending(i => i.Usage) : q.OrderBy(i => i.Usage),
            "mandatory" => desc ? q.OrderByDescending(i => i.Mandatory) : q.OrderBy(i => i.Mandatory),
            "filing" => desc ? q.OrderByDescending(i => i.FilingStatus) : q.OrderBy(i => i.FilingStatus),
            "valid" => desc ? q.OrderByDescending(i => i.ValidUntil) : q.OrderBy(i => i.ValidUntil),
            "created" => desc ? q.OrderByDescending(i => i.CreatedUtc) : q.OrderBy(i => i.CreatedUtc),
            _ => q.OrderByDescending(i => i.CreatedUtc),
        };
        // A unique last key: paging never repeats or skips a row between pages. In the sort's direction, so that an
        // index ending with it (see Migrations.IndexLibrarySorts) gives the page in order, without sorting.
        var known = Columns.Any(c => c.Key == Sort?.TrimStart('-'));
        return desc || !known ? ordered.ThenByDescending(i => i.ContentItemId) : ordered.ThenBy(i => i.ContentItemId);
    }
}
