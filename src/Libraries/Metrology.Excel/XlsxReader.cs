using System.Globalization;
using System.IO.Compression;
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
    /// <exception cref="InvalidDataException">The workbook goes past one of <paramref name="limits"/> (by default <see cref="XlsxLimits.Default"/>): the inner exception is an <see cref="XlsxLimitException"/>.</exception>
    public static IEnumerable<XlsxRow> ReadRows(Stream input, string? sheetName = null, XlsxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Read(input, sheetName, limits ?? XlsxLimits.Default);
    }

    private static IEnumerable<XlsxRow> Read(Stream input, string? sheetName, XlsxLimits limits)
    {
        // The zip directory is at the end of the file, so an upload stream that cannot seek is buffered first.
        using var buffer = input.CanSeek ? null : new MemoryStream();
        if (buffer is not null)
        {
            input.CopyTo(buffer);
            buffer.Position = 0;
        }
        var package = buffer ?? input;
        Guard(() => CheckParts(package, limits));
        using var document = Guard(() => SpreadsheetDocument.Open(package, isEditable: false));
        var sheet = OpenSheet(document, sheetName, limits);
        using var reader = new TypedOpenXmlPartReader(Limited(sheet.Part, limits.MaxSheetMegabytes), default);
        // The reader starts before the root element, and NextRow expects it on an element.
        Guard(reader.Read);

        var previousRow = 0;
        var rows = 0;
        while (Guard(() => NextRow(reader, sheet, previousRow)) is { } row)
        {
            // The header and MaxRows rows below it.
            if (++rows > limits.MaxRows + 1)
                throw Refused($"工作表超过 {limits.MaxRows:N0} 行的导入上限（第 {row.Number:N0} 行起未读取），未导入任何数据。请拆分为每个不超过 {limits.MaxRows:N0} 行的文件后分别导入。");
            previousRow = row.Number;
            yield return row;
        }
    }

    /// <summary>
    /// Inflates every part that is read whole or by the package (workbook, styles, relationships, content types)
    /// within <see cref="XlsxLimits.MaxPartMegabytes"/>, before anything parses them. Worksheets and the shared
    /// strings are left to their own reading, which counts as it inflates (<see cref="Limited"/>); sheets that are
    /// not read are never inflated.
    /// </summary>
    private static bool CheckParts(Stream package, XlsxLimits limits)
    {
        var start = package.Position;
        using (var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (zip.Entries.Count > limits.MaxEntries)
                throw new XlsxLimitException($"工作簿中的文件超过 {limits.MaxEntries:N0} 个的上限（可能是异常文件），未导入任何数据。");
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (!name.Contains("/_rels/", StringComparison.Ordinal)
                    && (name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) || name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase)))
                    continue;
                using var stream = new LimitedStream(entry.Open(), limits.MaxPartMegabytes * 1024L * 1024, () => TooLarge(name, limits.MaxPartMegabytes));
                while (stream.Read(buffer, 0, buffer.Length) > 0) { }
            }
        }
        package.Position = start;
        return true;
    }

    internal static Stream Limited(OpenXmlPart part, int megabytes) =>
        new LimitedStream(part.GetStream(FileMode.Open, FileAccess.Read), megabytes * 1024L * 1024, () => TooLarge(part.Uri.OriginalString.TrimStart('/'), megabytes));

    private static InvalidDataException Refused(string message) => new(message, new XlsxLimitException(message));

    private static string TooLarge(string part, int megabytes) =>
        $"工作簿中的“{part}”解压后超过 {megabytes} MB 的上限（可能是异常文件），未导入任何数据。";

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
        catch (XlsxLimitException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException
            or XmlException or ArgumentException or FormatException or OverflowException)
        {
            throw new InvalidDataException(NotAWorkbook, e);
        }
    }

    /// <summary>What reading one sheet needs besides its rows: shared strings, and which styles show dates.</summary>
    private sealed record SheetSource(WorksheetPart Part, IReadOnlyList<string> SharedStrings, IReadOnlyList<bool> DateStyles, bool Date1904);

    private static SheetSource OpenSheet(SpreadsheetDocument document, string? sheetName, XlsxLimits limits)
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
            SharedStrings(workbookPart.SharedStringTablePart, limits),
            XlsxDateStyles.Read(workbookPart.WorkbookStylesPart, limits),
            workbook.WorkbookProperties?.Date1904?.Value == true));
    }

    /// <summary>The shared string table, read item by item; cells refer to it by index, so it is kept whole.</summary>
    private static List<string> SharedStrings(SharedStringTablePart? part, XlsxLimits limits)
    {
        var result = new List<string>();
        if (part is null)
        {
            return result;
        }
        using var reader = new TypedOpenXmlPartReader(Limited(part, limits.MaxSheetMegabytes), default);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
            {
                if (result.Count == limits.MaxSharedStrings)
                    throw new XlsxLimitException($"工作簿的共享字符串超过 {limits.MaxSharedStrings:N0} 个的上限（可能是异常文件），未导入任何数据。");
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
}
