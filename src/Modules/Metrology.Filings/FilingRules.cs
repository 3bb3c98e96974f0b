using Metrology.Core.Instruments;
using Metrology.Core.Reference;
using Metrology.Filings.Models;

namespace Metrology.Filings;

/// <summary>
/// The rules a filing line must meet to be submitted (seed 000 §3.1, §五 1; seed 004 §一 3, FAQ 1), each with the
/// message the enterprise sees at the line's field. Keys are the line's property names.
/// </summary>
internal static class FilingRules
{
    public const string OnlyMandatory = "本单位只受理强制检定";

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "无", "/", "-", "—", "——", "--", "N/A", "NA", "NULL", "不详", "暂无", "未知", "没有", "0", "?", "？", "见铭牌",
    };

    /// <summary>A serial number that says nothing (seed 000 §五 1: 出厂编号一定写全，否则不予受理).</summary>
    public static bool IsPlaceholderSerial(string? serial)
    {
        var s = (serial ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();
        return s.Length == 0 || Placeholders.Contains(s) || s.All(c => c is '/' or '-' or '—' or '*' or '.' or '0' or ' ');
    }

    /// <summary>Problems of one line for the filing's institution: (field, message).</summary>
    public static IEnumerable<(string Field, string Message)> Check(FilingLine line, CatalogEntry? catalog, bool institutionVerifies, string institutionName)
    {
        if (IsPlaceholderSerial(line.SerialNumber))
            yield return (nameof(line.SerialNumber), $"出厂编号「{line.SerialNumber}」不完整：请在器具库中填写铭牌上完整的出厂编号，否则不予受理。");
        if (string.IsNullOrWhiteSpace(line.CatalogCode)) yield return (nameof(line.CatalogCode), "请选择强检目录项（种别代码）。");
        else if (catalog is null) yield return (nameof(line.CatalogCode), $"种别代码「{line.CatalogCode}」不在强检目录中。");
        else if (!catalog.IsVerifiable)
            yield return (nameof(line.CatalogCode), $"「{catalog.Name}」（{catalog.Code}）只需型式批准（P），不属于强制检定：{OnlyMandatory}。");
        else if (!institutionVerifies)
            yield return (nameof(line.CatalogCode), $"「{institutionName}」不检定「{catalog.Name}」（{catalog.Code}），请选择检定该器具的机构另建申请。");
        if (line.Usage is not (>= 1 and <= 4)) yield return (nameof(line.Usage), "请选择器具用途。");
        else if (catalog is { Usages.Count: > 0 } c && !c.Usages.Contains(line.Usage.Value))
            yield return (nameof(line.Usage), $"「{c.Name}」的强检用途不包括所选用途。");
        if (line.Method is not (1 or 2)) yield return (nameof(line.Method), "请选择检定方式（送检或现场）。");
        if (line.Department is { Length: > 8 }) yield return (nameof(line.Department), "使用部门最多 8 个字。");
        if (line.Location is { Length: > 100 }) yield return (nameof(line.Location), "安装地点最多 100 个字。");
    }

    /// <summary>
    /// Why an instrument cannot be added to a draft, or null. A filed instrument whose filing has lapsed (outside the
    /// tenant's booking window, <paramref name="lapsed"/>) is filed again.
    /// </summary>
    public static string? CannotAdd(InstrumentSummary i, bool inOpenFiling, bool lapsed = false) => i switch
    {
        { Active: false } => $"「{i.Name}」（出厂编号 {i.SerialNumber}）在停用库中，请先启用。",
        { Filing: FilingStatus.Filed } when !lapsed => $"「{i.Name}」（出厂编号 {i.SerialNumber}）已备案，备案只需一次：下一周期请直接约检（量值溯源）。",
        _ when inOpenFiling => $"「{i.Name}」（出厂编号 {i.SerialNumber}）已在另一份未完成的强检申请中。",
        _ => null,
    };
}
