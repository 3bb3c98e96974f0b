namespace Metrology.Excel;

/// <summary>
/// One column of a sheet written by <see cref="XlsxWriter"/>: its header, whether the import requires it
/// (shown as a red header prefixed with "*"), the values offered as a drop-down list, and its width in characters.
/// </summary>
public sealed record SheetColumn(string Header, bool Required = false, IReadOnlyList<string>? Choices = null, double Width = 16);

/// <summary>
/// One sheet to write: its tab name, its columns and its data rows. <paramref name="Rows"/> is enumerated once,
/// while the sheet is written, so it can stream straight from a query; a null or empty cell is left blank.
/// </summary>
public sealed record SheetData(string Name, IReadOnlyList<SheetColumn> Columns, IEnumerable<IReadOnlyList<string?>> Rows);
