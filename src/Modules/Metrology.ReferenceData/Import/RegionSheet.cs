using System.Text.RegularExpressions;
using Metrology.Excel;
using Metrology.ReferenceData.Models;

namespace Metrology.ReferenceData.Import;

/// <summary>Regions as a worksheet: code, name, parent code.</summary>
internal static partial class RegionSheet
{
    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("区域代码", Required: true, Width: 12),
        new("区域名称", Required: true, Width: 24),
        new("上级代码", Width: 12),
    ];

    [GeneratedRegex("^[1-9][0-9]{5}$")]
    private static partial Regex CodePattern();

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    public static IReadOnlyList<string?> ToCells(Region r) => [r.Code, r.Name, r.ParentCode];

    public static Region? Parse(XlsxRow row, List<ImportError> errors)
    {
        var cells = new SheetCells(row, Columns, errors);
        var before = errors.Count;
        var code = cells.Text(0, 6);
        if (code is not null && !IsCode(code)) cells.Error(0, $"区域代码应为 6 位数字（GB/T 2260），实际为「{code}」。");
        var name = cells.Text(1, 50);
        var parent = cells.Text(2, 6);
        if (parent is not null && !IsCode(parent)) cells.Error(2, $"上级代码应为 6 位数字，实际为「{parent}」。");
        if (code is not null && parent is not null && code == parent) cells.Error(2, "上级代码不能是自己。");
        return errors.Count == before ? new Region { Code = code!, Name = name!, ParentCode = parent } : null;
    }
}
