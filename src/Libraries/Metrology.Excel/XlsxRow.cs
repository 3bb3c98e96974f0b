namespace Metrology.Excel;

/// <summary>
/// A row read by <see cref="XlsxReader"/>: its 1-based row number in the sheet and its cell values by 0-based column
/// (A = 0), trimmed, with blanks as null. Trailing blank cells are not included, so use the indexer rather than
/// <c>Cells[i]</c> when a column may be missing.
/// </summary>
public sealed record XlsxRow(int Number, IReadOnlyList<string?> Cells)
{
    /// <summary>The value in the 0-based column, or null when the cell is blank or past the end of the row.</summary>
    public string? this[int index] => index >= 0 && index < Cells.Count ? Cells[index] : null;

    /// <summary>True when no cell holds a value: rows that are only formatted come back like this and are usually skipped.</summary>
    public bool IsEmpty => Cells.All(string.IsNullOrWhiteSpace);
}
