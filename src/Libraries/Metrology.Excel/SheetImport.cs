namespace Metrology.Excel;

/// <summary>The outcome of an import: how many rows were written, how many were read, and each problem by row and column.</summary>
public sealed record ImportResult(int Imported, int Rows, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>How many rows have at least one problem.</summary>
    public int BadRows => Errors.Select(e => e.Row).Distinct().Count();

    /// <summary>A header and nothing to import below it (blank rows, or only the template's example).</summary>
    public bool NoRows => Rows == 0 && Errors.Count == 0;

    /// <summary>What the pages say for <see cref="NoRows"/>.</summary>
    public const string NoRowsMessage = "文件中没有找到数据行（表头下面是空的，示例行不导入），未导入任何数据。请从第 2 行起填写后重新上传。";
}

/// <summary>
/// How a sheet is imported: its columns (the header row must match them), how a row becomes an item, and how
/// the parsed items are checked together and saved. <c>SheetImport.RunAsync</c> runs it.
/// </summary>
public sealed class SheetImport<T> where T : class
{
    public required IReadOnlyList<SheetColumn> Columns { get; init; }

    /// <summary>Reads one row: adds its problems to the list and returns the item, or null.</summary>
    public required Func<XlsxRow, List<ImportError>, T?> Parse { get; init; }

    /// <summary>Checks across the file once every row is read (duplicates, references); may add problems to any row.</summary>
    public Func<IReadOnlyList<(int Row, T Item)>, List<ImportError>, Task>? CrossCheck { get; init; }

    /// <summary>
    /// Writes the items that have no problem. A problem it adds (a check that only the write can make) means
    /// nothing was written, and the result counts no row as imported.
    /// </summary>
    public required Func<IReadOnlyList<(int Row, T Item)>, List<ImportError>, Task> Save { get; init; }

    /// <summary>Rows that are not data (the template's example): neither read nor counted.</summary>
    public Func<XlsxRow, bool>? Skip { get; init; }

    /// <summary>Told the number of data rows read so far, every <see cref="SheetImport.ProgressStep"/> rows and at the end.</summary>
    public IProgress<int>? Progress { get; init; }

    public bool ImportValidRows { get; init; }

    /// <summary>The reader's hard limits (rows, inflated sizes): the host's configured ones.</summary>
    public XlsxLimits Limits { get; init; } = XlsxLimits.Default;
}

/// <summary>
/// Reads a workbook whose first row is the template's header, checks every row before anything is written, and
/// writes either all rows (when none has a problem) or, if the user chose so, only the valid ones. The sheet is
/// streamed: rows are read and parsed one at a time, and only the parsed items are kept.
/// </summary>
public static class SheetImport
{
    public const int ProgressStep = 100;

    /// <exception cref="InvalidDataException">The stream is not an .xlsx workbook, or it goes past one of <see cref="SheetImport{T}.Limits"/>.</exception>
    public static async Task<ImportResult> RunAsync<T>(Stream workbook, SheetImport<T> import, CancellationToken ct = default) where T : class
    {
        var errors = new List<ImportError>();
        var items = new List<(int Row, T Item)>();
        var rows = 0;
        var header = true;
        foreach (var row in XlsxReader.ReadRows(workbook, limits: import.Limits))
        {
            if (header)
            {
                header = false;
                CheckHeader(row, import.Columns, errors);
                if (errors.Count > 0) return new ImportResult(0, 0, errors);
                continue;
            }
            if (row.IsEmpty || import.Skip?.Invoke(row) == true) continue;
            ct.ThrowIfCancellationRequested();
            rows++;
            if (rows % ProgressStep == 0) import.Progress?.Report(rows);
            var rowErrors = new List<ImportError>();
            var item = import.Parse(row, rowErrors);
            errors.AddRange(rowErrors);
            if (item is not null && rowErrors.Count == 0) items.Add((row.Number, item));
        }
        import.Progress?.Report(rows);
        if (header) return new ImportResult(0, 0, [new ImportError(1, "表头", "工作簿是空的，请使用导出的模板填写。")]);
        if (import.CrossCheck is not null) await import.CrossCheck(items, errors);
        if (errors.Count > 0 && !import.ImportValidRows) return new ImportResult(0, rows, Sorted(errors));
        var bad = errors.Select(e => e.Row).ToHashSet();
        var good = bad.Count == 0 ? items : items.Where(i => !bad.Contains(i.Row)).ToList();
        var before = errors.Count;
        if (good.Count > 0) await import.Save(good, errors);
        return new ImportResult(errors.Count > before ? 0 : good.Count, rows, Sorted(errors));
    }

    /// <summary>The older form, for imports whose save cannot refuse a row.</summary>
    public static Task<ImportResult> RunAsync<T>(
        Stream workbook,
        IReadOnlyList<SheetColumn> columns,
        Func<XlsxRow, List<ImportError>, T?> parse,
        Func<IReadOnlyList<(int Row, T Item)>, List<ImportError>, Task> crossCheck,
        Func<IReadOnlyList<T>, Task> save,
        bool importValidRows,
        XlsxLimits limits) where T : class =>
        RunAsync(workbook, new SheetImport<T>
        {
            Columns = columns,
            Parse = parse,
            CrossCheck = crossCheck,
            Save = (items, _) => save(items.Select(i => i.Item).ToList()),
            ImportValidRows = importValidRows,
            Limits = limits,
        });

    // Stable: a row's problems keep the order in which they were found.
    private static List<ImportError> Sorted(List<ImportError> errors) => errors.OrderBy(e => e.Row).ToList();

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
