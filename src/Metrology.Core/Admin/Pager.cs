namespace Metrology.Core.Admin;

/// <summary>Paging of an admin list; <see cref="Link"/> builds the URL of a page, keeping the filters.</summary>
public sealed record Pager(int Page, int PageSize, int Total, Func<int, string> Link)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int Skip => (Math.Clamp(Page, 1, PageCount) - 1) * PageSize;
}
