namespace Metrology.Core.Admin;

/// <summary>
/// Paging by position (keyset, for a long list such as the library): links to the first, previous, next and last pages,
/// null where there is none. The links carry the row to start from, not a page number; <see cref="Page"/> is the number
/// to show (null when not known: the last page of a list whose count was bounded). <see cref="Count"/> is a lower bound
/// when <see cref="CountIsLowerBound"/>.
/// </summary>
public sealed record KeysetPager(int? Page, int Count, bool CountIsLowerBound, string? First, string? Previous, string? Next, string? Last)
{
    /// <summary>"共 420 台", or "超过 1000 台" when the count stopped at its bound.</summary>
    public string Counted(string unit) => CountIsLowerBound ? $"超过 {Count - 1} {unit}" : $"共 {Count} {unit}";
}
