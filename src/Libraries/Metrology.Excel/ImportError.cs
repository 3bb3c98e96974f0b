namespace Metrology.Excel;

/// <summary>A problem with one cell of an imported sheet: the 1-based row number, the column's header, and what is wrong.</summary>
public sealed record ImportError(int Row, string Column, string Message);

/// <summary>Wording of <see cref="ImportError"/> for the people who fix the file.</summary>
public static class ImportErrors
{
    /// <summary>For example "第 5 行「器具编号」：不能为空".</summary>
    public static string Describe(ImportError e) => $"第 {e.Row} 行「{e.Column}」：{e.Message}";
}
