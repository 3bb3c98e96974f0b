using Metrology.Core.Excel;

namespace Metrology.ReferenceData.Import;

/// <summary>The outcome of an import: how many rows were written, and each problem by row and column.</summary>
public sealed record ImportResult(int Imported, int Rows, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a workbook whose first row is the template's header, checks every row before anything is
/// written, and writes either all rows (when none has an error) or, if the user chose so, the valid ones.
/// </summary>
internal static class ReferenceImport
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static async Task<ImportResult> RunAsync<T>(
        Stream workbook,
        IReadOnlyList<SheetColumn> columns,
        Func<XlsxRow, List<ImportError>, T?> parse,
        Func<IReadOnlyList<(int Row, T Item)>, List<ImportError>, Task> crossCheck,
        Func<IReadOnlyList<T>, Task> save,
        bool importValidRows) where T : class
    {
        var errors = new List<ImportError>();
        var items = new List<(int Row, T Item)>();
        var rows = 0;
        var header = true;
        foreach (var row in XlsxReader.ReadRows(workbook))
        {
            if (header)
            {
                header = false;
                CheckHeader(row, columns, errors);
                if (errors.Count > 0) return new ImportResult(0, 0, errors);
                continue;
            }
            if (row.IsEmpty) continue;
            rows++;
            var rowErrors = new List<ImportError>();
            var item = parse(row, rowErrors);
            errors.AddRange(rowErrors);
            if (item is not null && rowErrors.Count == 0) items.Add((row.Number, item));
        }
        if (header) return new ImportResult(0, 0, [new ImportError(1, "表头", "工作簿是空的，请使用导出的模板填写。")]);
        await crossCheck(items, errors);
        var bad = errors.Select(e => e.Row).ToHashSet();
        var good = items.Where(i => !bad.Contains(i.Row)).Select(i => i.Item).ToList();
        if (errors.Count > 0 && !importValidRows) return new ImportResult(0, rows, errors);
        await save(good);
        return new ImportResult(good.Count, rows, errors);
    }

    private static void CheckHeader(XlsxRow row, IReadOnlyList<SheetColumn> columns, List<ImportError> errors)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var found = row[i]?.TrimStart('*').Trim();
            if (found != columns[i].Header)
                errors.Add(new ImportError(1, columns[i].Header, $"第 {i + 1} 列应为「{columns[i].Header}」，实际为「{found}」。请使用导出的模板。"));
        }
    }
}
