using System.Globalization;

namespace Metrology.Excel;

/// <summary>
/// Reading the cells of one imported row by column index, each problem added as an <see cref="ImportError"/> with the
/// row number and the column's header. A blank required column is a problem; a blank optional one reads as null.
/// </summary>
public sealed class SheetCells(XlsxRow row, IReadOnlyList<SheetColumn> columns, List<ImportError> errors)
{
    public string? Text(int index, int maxLength)
    {
        var value = row[index]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (columns[index].Required) Error(index, "必填，不能为空。");
            return null;
        }
        if (value.Length > maxLength)
        {
            Error(index, $"不能超过 {maxLength} 个字符（当前 {value.Length} 个）。");
            return null;
        }
        return value;
    }

    public int? Number(int index, int min, int max)
    {
        var text = Text(index, 20);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            Error(index, $"应为 {min}–{max} 之间的整数，实际为「{text}」。");
            return null;
        }
        return n;
    }

    public void Error(int index, string message) => errors.Add(new ImportError(row.Number, columns[index].Header, message));
}
