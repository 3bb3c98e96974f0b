using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Metrology.Excel;

/// <summary>
/// Reads the rows of one sheet of an .xlsx workbook as text, streaming the sheet so a large import takes little
/// memory. Values come back as a person sees them: shared and inline strings, numbers without exponents,
/// booleans as "TRUE"/"FALSE", and dates as "yyyy-MM-dd".
/// </summary>
public static class XlsxReader
{
    internal const string NotAWorkbook = "文件不是有效的 Excel 工作簿（.xlsx）。";

    // Past column XFD a reference is garbage; capping it keeps a bad file from allocating a huge row.
    private const int MaxColumns = 16384;

    /// <summary>
    /// The rows of the sheet named <paramref name="sheetName"/> (any case), or of the first worksheet in workbook order,
    /// including rows that exist but hold no value (see <see cref="XlsxRow.IsEmpty"/>). The workbook is opened when
    /// enumeration starts and closed when it ends, so errors surface then; <paramref name="input"/> is left open.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not an .xlsx workbook, or it has no such sheet.</exception>
    public static IEnumerable<XlsxRow> ReadRows(Stream input, string? sheetName = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Read(input, sheetName);
    }

    private static IEnumerable<XlsxRow> Read(Stream input, string? sheetName)
    {
        // The zip directory is at the end of the file, so an upload stream that cannot seek is buffered first.
        using var buffer = input.CanSeek ? null : new MemoryStream();
        if (buffer is not null)
        {
            input.CopyTo(buffer);
            buffer.Position = 0;
        }
        using var document = Guard(() => SpreadsheetDocument.Open(buffer ?? input, isEditable: false));
        var sheet = OpenSheet(document, sheetName);
        using var reader = OpenXmlReader.Create(sheet.Part);
        // The reader starts before the root element, and NextRow expects it on an element.
        Guard(reader.Read);

        var previousRow = 0;
        while (Guard(() => NextRow(reader, sheet, previousRow)) is { } row)
        {
            previousRow = row.Number;
            yield return row;
        }
    }

    /// <summary>
    /// Runs a step of reading the package, turning the ways a file that is not an .xlsx (or is damaged) fails
    /// into the one message people can act on.
    /// </summary>
    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        // FormatException and OverflowException are the SDK's answer to an attribute it cannot parse (r="abc").
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException
            or XmlException or ArgumentException or FormatException or OverflowException)
        {
            throw new InvalidDataException(NotAWorkbook, e);
        }
    }

    /// <summary>What reading one sheet needs besides its rows: shared strings, and which styles show dates.</summary>
    private sealed record SheetSource(WorksheetPart Part, IReadOnlyList<string> SharedStrings, IReadOnlyList<bool> DateStyles, bool Date1904);

    private static SheetSource OpenSheet(SpreadsheetDocument document, string? sheetName)
    {
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException(NotAWorkbook);
        var workbook = Guard(() => workbookPart.Workbook);
        // Chart sheets have no cells; only worksheets count, whether picked by name or as the first.
        var sheets = workbook.Sheets?.Elements<Sheet>()
            .Select(s => (s.Name?.Value, Part: s.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var p) ? p as WorksheetPart : null))
            .Where(s => s.Part is not null)
            .ToList() ?? [];
        var found = sheetName is null
            ? sheets.FirstOrDefault()
            : sheets.FirstOrDefault(s => string.Equals(s.Value, sheetName, StringComparison.OrdinalIgnoreCase));
        if (found.Part is null)
        {
            throw new InvalidDataException(sheetName is null ? NotAWorkbook : $"工作簿中没有名为 “{sheetName}” 的工作表。");
        }
        return Guard(() => new SheetSource(
            found.Part,
            SharedStrings(workbookPart.SharedStringTablePart),
            DateStyles(workbookPart.WorkbookStylesPart?.Stylesheet),
            workbook.WorkbookProperties?.Date1904?.Value == true));
    }

    /// <summary>The shared string table, read item by item; cells refer to it by index, so it is kept whole.</summary>
    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var result = new List<string>();
        if (part is null)
        {
            return result;
        }
        using var reader = OpenXmlReader.Create(part);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                result.Add(RichText(reader.LoadCurrentElement()!));
            }
            else
            {
                reader.Read();
            }
        }
        return result;
    }

    /// <summary>
    /// The text of a shared string item or inline string: its plain text, or its formatted runs joined. Phonetic
    /// guides (furigana) are left out: they are not part of the value.
    /// </summary>
    private static string RichText(OpenXmlElement item) =>
        item.GetFirstChild<Text>() is { } text
            ? text.Text
            : string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static XlsxRow? NextRow(OpenXmlReader reader, SheetSource sheet, int previousRow)
    {
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(Row))
            {
                // One row at a time as a small tree: simpler than walking every attribute, and still streaming.
                var row = (Row)reader.LoadCurrentElement()!;
                return new XlsxRow(RowNumber(row, previousRow), Cells(row, sheet));
            }
            reader.Read();
        }
        return null;
    }

    private static int RowNumber(Row row, int previousRow) =>
        row.RowIndex?.Value is uint n and > 0 and <= int.MaxValue ? (int)n : previousRow + 1;

    private static List<string?> Cells(Row row, SheetSource sheet)
    {
        var cells = new List<string?>();
        var column = -1;
        foreach (var cell in row.Elements<Cell>())
        {
            // A cell without a reference follows the one before it, as the format allows.
            column = ColumnIndex(cell.CellReference?.Value) ?? column + 1;
            if (column >= MaxColumns)
            {
                break;
            }
            var value = Value(cell, sheet)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            while (cells.Count < column)
            {
                cells.Add(null);
            }
            if (column < cells.Count)
            {
                cells[column] = value;
            }
            else
            {
                cells.Add(value);
            }
        }
        return cells;
    }

    /// <summary>The 0-based column of a reference such as "C5", or null when there is none.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }
            index = Math.Min(index * 26 + (upper - 'A' + 1), MaxColumns + 1);
            letters++;
        }
        return letters == 0 ? null : index - 1;
    }

    private static string? Value(Cell cell, SheetSource sheet)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? RichText(inline) : raw;
        }
        if (raw is null)
        {
            return null;
        }
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sheet.SharedStrings.Count
                ? sheet.SharedStrings[i]
                : null;
        }
        if (type == CellValues.Boolean)
        {
            return raw.Trim() is "1" or "true" ? "TRUE" : "FALSE";
        }
        if (type == CellValues.Date)
        {
            // Strict-mode files store dates as ISO 8601 text.
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d)
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : raw;
        }
        if (type is null || type == CellValues.Number)
        {
            return Number(raw, cell.StyleIndex?.Value, sheet);
        }
        // Formula strings and errors ("#N/A") read as they show.
        return raw;
    }

    private static string Number(string raw, uint? style, SheetSource sheet)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return raw;
        }
        if (style is { } s && s < sheet.DateStyles.Count && sheet.DateStyles[(int)s])
        {
            var serial = sheet.Date1904 ? number + 1462 : number;
            // Outside Excel's calendar it cannot be a date the person meant; the number is the honest answer.
            if (serial is >= 1 and < 2958466)
            {
                return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }
        // Doubles print with an exponent when large or small; through decimal they print as the person typed them,
        // rounded to Excel's 15 significant digits (so 0.1 + 0.2 reads "0.3").
        return Math.Abs(number) < 7.9e28
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>For each cell style (cellXfs index), whether its number format shows a date.</summary>
    private static bool[] DateStyles(Stylesheet? styles)
    {
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
        return styles?.CellFormats?.Elements<CellFormat>()
            .Select(xf => xf.NumberFormatId?.Value is { } id && IsDateFormat(id, custom))
            .ToArray() ?? [];
    }

    private static bool IsDateFormat(uint id, Dictionary<uint, string> custom)
    {
        if (custom.TryGetValue(id, out var code))
        {
            return IsDateFormatCode(code);
        }
        // 14–22 and 45–47 are Excel's own date and time formats; 27–31, 36, 50–54, 57 and 58 are the dates that
        // Chinese Excel stores by id alone (yyyy"年"m"月"d"日" and the like) without writing their codes.
        return id is >= 14 and <= 22 or >= 45 and <= 47 or >= 27 and <= 31 or 36 or >= 50 and <= 54 or 57 or 58;
    }

    /// <summary>
    /// Whether a custom format code shows a date: it has a year, day or month part once quoted text, escaped
    /// characters and [bracketed] colours, locales and elapsed times are set aside. An "m" beside an hour or second
    /// is minutes, so a format with only h, m and s is a time, not a date.
    /// </summary>
    private static bool IsDateFormatCode(string code)
    {
        // The first section is the one for positive numbers, which dates are.
        var section = code.Split(';')[0];
        bool year = false, day = false, month = false, time = false;
        for (var i = 0; i < section.Length; i++)
        {
            switch (char.ToLowerInvariant(section[i]))
            {
                case '"':
                    i = section.IndexOf('"', i + 1) is var close and >= 0 ? close : section.Length;
                    break;
                case '[':
                    var end = section.IndexOf(']', i + 1) is var e and >= 0 ? e : section.Length;
                    // [h], [mm] and [ss] are elapsed time; anything else in brackets is a colour, locale or condition.
                    time |= end > i + 1 && section[(i + 1)..end].All(c => char.ToLowerInvariant(c) is 'h' or 'm' or 's');
                    i = end;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case 'y':
                    year = true;
                    break;
                case 'd':
                    day = true;
                    break;
                case 'm':
                    month = true;
                    break;
                case 'h' or 's':
                    time = true;
                    break;
            }
        }
        return year || day || (month && !time);
    }
}
