using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Metrology.Excel;

/// <summary>
/// Writes sheets to an .xlsx workbook, streaming each sheet's rows so exports and import templates of any size
/// take little memory. Every value is written as text, so codes such as "0101" keep their leading zeros.
/// </summary>
public static class XlsxWriter
{
    /// <summary>Name of the hidden sheet that holds drop-down lists too long for an inline list.</summary>
    public const string ChoicesSheetName = "_choices";

    /// <summary>Drop-down lists cover at least this many rows, so the template still offers them as people add rows.</summary>
    public const int ValidatedRows = 10000;

    // Excel refuses an inline list source longer than 255 characters; a margin keeps clear of it.
    private const int MaxInlineListLength = 250;

    private const uint NormalStyle = 0;
    private const uint HeaderStyle = 1;
    private const uint RequiredHeaderStyle = 2;

    /// <summary>
    /// Writes <paramref name="sheets"/> in order, the first one active. Each sheet gets a bold, frozen header row
    /// (required columns red and prefixed with "*"), its column widths, and a drop-down list on each column with choices.
    /// The output stream is left open; one that cannot be read and sought (an HTTP response) is filled from a buffer.
    /// </summary>
    /// <exception cref="ArgumentException">A sheet name is empty, too long, has characters Excel forbids, or repeats.</exception>
    public static void Write(Stream output, IReadOnlyList<SheetData> sheets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        CheckNames(sheets);

        // The zip package rewrites its central directory in place, which needs a readable, seekable stream.
        if (output.CanRead && output.CanSeek)
        {
            WritePackage(output, sheets);
            return;
        }
        using var buffer = new MemoryStream();
        WritePackage(buffer, sheets);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void WritePackage(Stream output, IReadOnlyList<SheetData> sheets)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = BuildStylesheet();

        var sheetList = new Sheets();
        // Drop-down lists too long to go inline: one column each on the hidden sheet.
        var choices = new List<IReadOnlyList<string>>();
        for (var i = 0; i < sheets.Count; i++)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheets[i], selected: i == 0, choices);
            sheetList.Append(new Sheet { Name = sheets[i].Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(part) });
        }

        if (choices.Count > 0)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteChoicesSheet(part, choices);
            sheetList.Append(new Sheet
            {
                Name = ChoicesSheetName,
                SheetId = (uint)(sheets.Count + 1),
                Id = workbookPart.GetIdOfPart(part),
                State = SheetStateValues.Hidden,
            });
        }

        workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheetList);
    }

    private static void WriteSheet(WorksheetPart part, SheetData sheet, bool selected, List<IReadOnlyList<string>> choices)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());

        writer.WriteElement(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = 1D,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection
            {
                Pane = PaneValues.BottomLeft,
                ActiveCell = "A2",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" },
            })
        {
            TabSelected = selected,
            WorkbookViewId = 0,
        }));

        if (sheet.Columns.Count > 0)
        {
            writer.WriteElement(new Columns(sheet.Columns.Select((c, i) => new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = c.Width,
                CustomWidth = true,
            })));
        }

        writer.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.SheetData());
        var rowNumber = 0;
        if (sheet.Columns.Count > 0)
        {
            rowNumber = 1;
            WriteRow(writer, rowNumber, sheet.Columns.Select(HeaderText).ToList(),
                i => sheet.Columns[i].Required ? RequiredHeaderStyle : HeaderStyle);
        }
        foreach (var row in sheet.Rows)
        {
            rowNumber++;
            WriteRow(writer, rowNumber, row, _ => NormalStyle);
        }
        writer.WriteEndElement();

        // Data validations follow the sheet data in the schema, so the last row is known by now: the lists
        // reach past it when an export is longer than the template's usual range.
        var validations = DataValidationsFor(sheet.Columns, Math.Max(ValidatedRows, rowNumber), choices);
        if (validations.Count > 0)
        {
            writer.WriteElement(new DataValidations(validations) { Count = (uint)validations.Count });
        }
        writer.WriteEndElement();
    }

    private static string HeaderText(SheetColumn column) => column.Required ? "*" + column.Header : column.Header;

    private static List<DataValidation> DataValidationsFor(IReadOnlyList<SheetColumn> columns, int lastRow, List<IReadOnlyList<string>> choices)
    {
        var result = new List<DataValidation>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Choices is not { Count: > 0 } list)
            {
                continue;
            }
            var letter = ColumnName(i);
            result.Add(new DataValidation(new Formula1(ListSource(list, choices)))
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowErrorMessage = true,
                ErrorTitle = "无效的值",
                Error = "请从下拉列表中选择。",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{letter}2:{letter}{lastRow}" },
            });
        }
        return result;
    }

    /// <summary>An inline list when Excel can take one; otherwise a range of the hidden choices sheet.</summary>
    private static string ListSource(IReadOnlyList<string> list, List<IReadOnlyList<string>> choices)
    {
        var joined = string.Join(",", list);
        // An inline list splits on commas and is quoted, so a choice holding either goes to the hidden sheet.
        if (joined.Length <= MaxInlineListLength && !list.Any(c => c.Contains(',') || c.Contains('"')))
        {
            return "\"" + joined + "\"";
        }
        choices.Add(list);
        var column = ColumnName(choices.Count - 1);
        return $"'{ChoicesSheetName}'!${column}$1:${column}${list.Count}";
    }

    private static void WriteChoicesSheet(WorksheetPart part, IReadOnlyList<IReadOnlyList<string>> lists)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.SheetData());
        var rows = lists.Max(l => l.Count);
        for (var r = 0; r < rows; r++)
        {
            WriteRow(writer, r + 1, lists.Select(l => r < l.Count ? l[r] : null).ToList(), _ => NormalStyle);
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, int number, IReadOnlyList<string?> values, Func<int, uint> style)
    {
        var rowRef = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", rowRef)]);
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
            {
                continue;
            }
            var cell = new Cell
            {
                CellReference = ColumnName(i) + rowRef,
                DataType = CellValues.InlineString,
                // Inline strings rather than shared strings: no second pass over the data, and text stays text.
                InlineString = new InlineString(new Text(XmlSafe(values[i]!)) { Space = SpaceProcessingModeValues.Preserve }),
            };
            var s = style(i);
            if (s != NormalStyle)
            {
                cell.StyleIndex = s;
            }
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    /// <summary>Column letters for a 0-based index: 0 is "A", 26 is "AA".</summary>
    internal static string ColumnName(int index)
    {
        var name = new StringBuilder();
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name.Insert(0, (char)('A' + (n - 1) % 26));
        }
        return name.ToString();
    }

    // Control characters pasted into a database field would make the XML writer throw; Excel could not show them anyway.
    private static string XmlSafe(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!XmlConvert.IsXmlChar(value[i]) && !(i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i])))
            {
                return Strip(value);
            }
            if (char.IsHighSurrogate(value[i]))
            {
                i++;
            }
        }
        return value;

        static string Strip(string value)
        {
            var kept = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (XmlConvert.IsXmlChar(value[i]))
                {
                    kept.Append(value[i]);
                }
                else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
                {
                    kept.Append(value, i, 2);
                    i++;
                }
            }
            return kept.ToString();
        }
    }

    private static Stylesheet BuildStylesheet() => new(
        new Fonts(
            NewFont(bold: false, color: null),
            NewFont(bold: true, color: null),
            NewFont(bold: true, color: "FFFF0000"))
        { Count = 3 },
        // Excel expects the first two fills to be these, whatever the cells use.
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()))
        { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 0, FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true })
        { Count = 3 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font NewFont(bool bold, string? color)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }
        font.Append(new FontSize { Val = 11 });
        if (color is not null)
        {
            font.Append(new Color { Rgb = color });
        }
        font.Append(new FontName { Val = "Calibri" });
        return font;
    }

    private static void CheckNames(IReadOnlyList<SheetData> sheets)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ChoicesSheetName };
        foreach (var sheet in sheets)
        {
            ArgumentNullException.ThrowIfNull(sheet, nameof(sheets));
            var name = sheet.Name;
            if (string.IsNullOrWhiteSpace(name) || name.Length > 31 || name.IndexOfAny(['\\', '/', '?', '*', '[', ']', ':']) >= 0
                || name.StartsWith('\'') || name.EndsWith('\''))
            {
                throw new ArgumentException($"Sheet name \"{name}\" is not allowed by Excel.", nameof(sheets));
            }
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Sheet name \"{name}\" is used twice or is reserved.", nameof(sheets));
            }
        }
    }
}
