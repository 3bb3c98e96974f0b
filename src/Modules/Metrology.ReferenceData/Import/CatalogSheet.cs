using System.Text.RegularExpressions;
using Metrology.Excel;
using Metrology.ReferenceData.Models;

namespace Metrology.ReferenceData.Import;

/// <summary>The catalog as a worksheet: its columns, and a row to and from an item, with the rules of each cell.</summary>
internal static partial class CatalogSheet
{
    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("种别代码", Required: true, Width: 12),
        new("器具名称", Required: true, Width: 24),
        new("一级目录", Required: true, Width: 20),
        new("二级目录", Width: 20),
        new("管理方式", Required: true, Choices: ["P", "V", "P+V"], Width: 10),
        new("检定方式", Required: true, Choices: ["1", "2", "3"], Width: 10),
        new("检定周期（月）", Width: 12),
        new("适用用途", Width: 12),
        new("检定规程", Width: 20),
        new("测量范围", Width: 24),
        new("最大允许误差", Width: 24),
        new("示例代码", Choices: ["是", "否"], Width: 10),
    ];

    /// <summary>The codes sheet that explains the coded columns.</summary>
    public static SheetData Codes => new("代码说明", [new("列", Width: 14), new("代码", Width: 8), new("含义", Width: 40)],
    [
        ["管理方式", "P", "型式批准（不属于强制检定，本院不受理）"],
        ["管理方式", "V", "强制检定"],
        ["管理方式", "P+V", "型式批准并强制检定"],
        ["检定方式", "1", Labels.Of(VerificationMode.Periodic)],
        ["检定方式", "2", Labels.Of(VerificationMode.FirstOnlyScrap)],
        ["检定方式", "3", Labels.Of(VerificationMode.FirstOnlyFixedLife)],
        .. Labels.Usages.Select(u => (IReadOnlyList<string?>)["适用用途", u.Code.ToString(), u.Name + "（多个用逗号分隔，如 1,4）"]),
    ]);

    [GeneratedRegex("^[A-Za-z0-9-]{1,20}$")]
    private static partial Regex CodePattern();

    public static IReadOnlyList<string?> ToCells(CatalogItem item) =>
    [
        item.Code, item.Name, item.Group, item.Item, Labels.Of(item.Marking), ((int)item.Mode).ToString(),
        item.PeriodMonths?.ToString(), string.Join(",", Labels.CodesOf(item.Usages)), item.Regulation,
        item.MeasuringRange, item.Mpe, item.IsSample ? "是" : "否",
    ];

    public static CatalogItem? Parse(XlsxRow row, List<ImportError> errors)
    {
        var cells = new SheetCells(row, Columns, errors);
        var before = errors.Count;
        var code = cells.Text(0, 20);
        if (code is not null && !CodePattern().IsMatch(code)) cells.Error(0, $"种别代码只能由字母、数字和连字符组成，实际为「{code}」。");
        var item = new CatalogItem
        {
            Code = code ?? "",
            Name = cells.Text(1, 100) ?? "",
            Group = cells.Text(2, 100) ?? "",
            Item = cells.Text(3, 100),
            Regulation = cells.Text(8, 200),
            MeasuringRange = cells.Text(9, 500),
            Mpe = cells.Text(10, 500),
        };
        var marking = cells.Text(4, 5);
        if (marking is not null)
        {
            if (Labels.ParseMarking(marking) is { } m) item.Marking = m;
            else cells.Error(4, $"只能填 P、V 或 P+V，实际为「{marking}」。");
        }
        if (cells.Number(5, 1, 3) is { } mode) item.Mode = (VerificationMode)mode;
        if (row[6] is not null) item.PeriodMonths = cells.Number(6, 1, 240);
        item.Usages = ParseUsages(row[7], cells);
        var sample = row[11]?.Trim();
        if (sample is not null and not ("是" or "否")) cells.Error(11, $"只能填“是”或“否”，实际为「{sample}」。");
        item.IsSample = sample == "是";
        if (item.Mode == VerificationMode.Periodic && item.PeriodMonths is null && errors.Count == before && item.Marking != ControlMarking.P)
            cells.Error(6, "周期检定的器具须填写检定周期（月）。");
        return errors.Count == before ? item : null;
    }

    private static Usage ParseUsages(string? text, SheetCells cells)
    {
        if (string.IsNullOrWhiteSpace(text)) return Usage.None;
        var usages = Usage.None;
        foreach (var part in text.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, out var code) && code is >= 1 and <= 4) usages |= Labels.UsageOf(code);
            else cells.Error(7, $"用途只能填代码 1–4（1 安全防护、2 医疗卫生、3 环境监测、4 贸易结算），不能填「{part}」。");
        }
        return usages;
    }
}
