using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Metrology.Excel;

/// <summary>Which cell styles of a workbook show dates, so that <see cref="XlsxReader"/> gives their numbers back as "yyyy-MM-dd".</summary>
internal static class XlsxDateStyles
{
    /// <summary>
    /// For each cell style (cellXfs index), whether its number format shows a date. Read as a stream (not the
    /// stylesheet's tree), and at most <see cref="XlsxLimits.MaxStyles"/> of them.
    /// </summary>
    public static bool[] Read(WorkbookStylesPart? part, XlsxLimits limits)
    {
        if (part is null)
        {
            return [];
        }
        var custom = new Dictionary<uint, string>();
        var formats = new List<uint?>();
        using var reader = new TypedOpenXmlPartReader(XlsxReader.Limited(part, limits.MaxPartMegabytes), default);
        var inCellFormats = false;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(NumberingFormat))
            {
                // Loading the element moves the reader past it.
                var format = (NumberingFormat)reader.LoadCurrentElement()!;
                if (format.NumberFormatId?.Value is { } id) custom.TryAdd(id, format.FormatCode?.Value ?? "");
                continue;
            }
            if (reader.ElementType == typeof(CellFormats))
            {
                inCellFormats = reader.IsStartElement;
            }
            else if (inCellFormats && reader.IsStartElement && reader.ElementType == typeof(CellFormat))
            {
                if (formats.Count == limits.MaxStyles)
                    throw new XlsxLimitException($"工作簿的单元格样式超过 {limits.MaxStyles:N0} 个的上限（可能是异常文件），未导入任何数据。");
                var id = reader.Attributes.FirstOrDefault(a => a.LocalName == "numFmtId").Value;
                formats.Add(uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null);
            }
            reader.Read();
        }
        return formats.Select(id => id is { } n && IsDateFormat(n, custom)).ToArray();
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
