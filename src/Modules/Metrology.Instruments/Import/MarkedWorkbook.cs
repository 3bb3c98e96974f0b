using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Metrology.Excel;

namespace Metrology.Instruments.Import;

/// <summary>
/// The uploaded workbook with its import errors marked: a copy in which the imported (first) sheet gets a
/// "错误说明" column holding each row's messages and a red fill on each cell that has a problem. The sheet is
/// copied row by row with the SAX reader and writer, so a large file is never held as a whole DOM; the other
/// parts of the package are copied as they are.
/// </summary>
internal static class MarkedWorkbook
{
    public const string ErrorHeader = "错误说明";

    /// <param name="output">Receives the copy; it must be readable, writable and seekable (a file), as the package is edited in place.</param>
    /// <param name="columns">The template's columns: an error's column header is found among them, in the file's order.</param>
    public static void Write(Stream original, Stream output, IReadOnlyList<SheetColumn> columns, IReadOnlyList<ImportError> errors)
    {
        original.CopyTo(output);
        output.Position = 0;
        using var document = SpreadsheetDocument.Open(output, isEditable: true);
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("文件不是有效的 Excel 工作簿（.xlsx）。");
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>()
            .FirstOrDefault(s => s.Id?.Value is { } id && workbookPart.GetPartById(id) is WorksheetPart)
            ?? throw new InvalidDataException("工作簿中没有工作表。");
        var oldPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
        var styles = new Styles(workbookPart);
        var byRow = errors.Where(e => e.Row > 0).GroupBy(e => e.Row).ToDictionary(g => g.Key, g => g.ToList());

        var newPart = workbookPart.AddNewPart<WorksheetPart>();
        using (var reader = OpenXmlReader.Create(oldPart))
        using (var writer = OpenXmlWriter.Create(newPart))
        {
            var headers = columns.Select((c, i) => (c.Header, i)).GroupBy(c => c.Header).ToDictionary(g => g.Key, g => g.First().i);
            var errorColumn = -1;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.IsStartElement && (reader.ElementType == typeof(Worksheet) || reader.ElementType == typeof(DocumentFormat.OpenXml.Spreadsheet.SheetData)))
                {
                    writer.WriteStartElement(reader);
                    reader.Read();
                    continue;
                }
                if (reader.IsStartElement && reader.ElementType == typeof(Row))
                {
                    var row = (Row)reader.LoadCurrentElement()!;
                    if (errorColumn < 0)
                    {
                        errorColumn = ErrorColumn(row);
                        SetCell(row, errorColumn, ErrorHeader, styles.Header);
                    }
                    else if (row.RowIndex?.Value is uint n && byRow.TryGetValue((int)n, out var rowErrors))
                    {
                        foreach (var e in rowErrors)
                            if (headers.TryGetValue(e.Column, out var column)) MarkCell(row, column, styles);
                        SetCell(row, errorColumn, string.Join("；", rowErrors.Select(Describe)), styles.Message);
                    }
                    else
                    {
                        // A marked workbook uploaded again: old messages of rows that are now right are cleared.
                        RemoveCell(row, errorColumn);
                    }
                    writer.WriteElement(row);
                    continue;
                }
                if (reader.IsStartElement)
                {
                    // Columns, views, validations, merges: small, and written back unchanged.
                    writer.WriteElement(reader.LoadCurrentElement()!);
                    continue;
                }
                // Only the two open elements are closed; the loaded ones were written whole.
                if (reader.IsEndElement && (reader.ElementType == typeof(Worksheet) || reader.ElementType == typeof(DocumentFormat.OpenXml.Spreadsheet.SheetData)))
                    writer.WriteEndElement();
                reader.Read();
            }
        }
        sheet.Id = workbookPart.GetIdOfPart(newPart);
        workbookPart.DeletePart(oldPart);
        styles.Save();
    }

    /// <summary>
    /// The column for the messages: after the header row's last cell, or the messages' column of a marked workbook
    /// uploaded again (ours is an inline string, so no shared string table needs reading).
    /// </summary>
    private static int ErrorColumn(Row header)
    {
        var last = -1;
        string? lastText = null;
        foreach (var cell in header.Elements<Cell>())
        {
            last = ColumnIndex(cell.CellReference?.Value) ?? last + 1;
            lastText = cell.InlineString?.InnerText;
        }
        return lastText == ErrorHeader ? last : last + 1;
    }

    private static void MarkCell(Row row, int column, Styles styles)
    {
        var cell = CellAt(row, column, create: true)!;
        cell.StyleIndex = styles.Marked(cell.StyleIndex?.Value ?? 0);
    }

    private static void SetCell(Row row, int column, string text, uint style)
    {
        var cell = CellAt(row, column, create: true)!;
        cell.CellValue = null;
        cell.CellFormula = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        cell.StyleIndex = style;
    }

    private static void RemoveCell(Row row, int column) => CellAt(row, column, create: false)?.Remove();

    /// <summary>The row's cell in the column, made in its place (cells are in column order) when asked.</summary>
    private static Cell? CellAt(Row row, int column, bool create)
    {
        var index = -1;
        Cell? after = null;
        foreach (var cell in row.Elements<Cell>())
        {
            index = ColumnIndex(cell.CellReference?.Value) ?? index + 1;
            if (index == column) return cell;
            if (index > column)
            {
                if (!create) return null;
                var made = new Cell { CellReference = Reference(column, row) };
                cell.InsertBeforeSelf(made);
                return made;
            }
            after = cell;
        }
        if (!create) return null;
        var added = new Cell { CellReference = Reference(column, row) };
        if (after is null) row.PrependChild(added); else after.InsertAfterSelf(added);
        // The row's span of columns is only a hint, and now out of date.
        row.Spans = null;
        return added;
    }

    private static string Reference(int column, Row row)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name + row.RowIndex?.Value;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z') break;
            index = index * 26 + (upper - 'A' + 1);
            letters++;
        }
        return letters == 0 ? null : index - 1;
    }

    /// <summary>
    /// The workbook's cell formats, with the few this adds: a red fill on top of a cell's own format (one per
    /// format marked), a bold header and wrapped red text for the messages.
    /// </summary>
    private sealed class Styles
    {
        private readonly Stylesheet _sheet;
        private readonly WorkbookStylesPart _part;
        private readonly Dictionary<uint, uint> _marked = [];
        private readonly uint _fill;
        private readonly uint _redFont;

        public Styles(WorkbookPart workbook)
        {
            _part = workbook.WorkbookStylesPart ?? workbook.AddNewPart<WorkbookStylesPart>();
            _sheet = _part.Stylesheet ??= new Stylesheet();
            _sheet.Fonts ??= new Fonts(new Font());
            _sheet.Fills ??= new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }));
            _sheet.Borders ??= new Borders(new Border());
            _sheet.CellFormats ??= new CellFormats(new CellFormat());
            _sheet.Fills.Append(new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFC7CE" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
            _fill = (uint)_sheet.Fills.Count() - 1;
            _sheet.Fills.Count = (uint)_sheet.Fills.Count();
            _sheet.Fonts.Append(new Font(new Bold(), new Color { Rgb = "FFC00000" }));
            _redFont = (uint)_sheet.Fonts.Count() - 1;
            _sheet.Fonts.Count = (uint)_sheet.Fonts.Count();
            Header = Add(new CellFormat { FontId = _redFont, ApplyFont = true });
            Message = Add(new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = _redFont, ApplyFont = true, ApplyAlignment = true });
        }

        public uint Header { get; }
        public uint Message { get; }

        public uint Marked(uint style)
        {
            if (_marked.TryGetValue(style, out var marked)) return marked;
            var formats = _sheet.CellFormats!.Elements<CellFormat>().ToList();
            var copy = style < formats.Count ? (CellFormat)formats[(int)style].CloneNode(true) : new CellFormat();
            copy.FillId = _fill;
            copy.ApplyFill = true;
            return _marked[style] = Add(copy);
        }

        private uint Add(CellFormat format)
        {
            format.NumberFormatId ??= 0;
            format.FontId ??= 0;
            format.FillId ??= 0;
            format.BorderId ??= 0;
            _sheet.CellFormats!.Append(format);
            var count = (uint)_sheet.CellFormats.Count();
            _sheet.CellFormats.Count = count;
            return count - 1;
        }

        public void Save() => _sheet.Save(_part);
    }

    /// <summary>The message with its column in front, unless the message already starts with it.</summary>
    private static string Describe(ImportError e) =>
        e.Message.StartsWith($"「{e.Column}」", StringComparison.Ordinal) ? e.Message : $"「{e.Column}」{e.Message}";
}
