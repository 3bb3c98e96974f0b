namespace Metrology.Instruments.Models;

/// <summary>
/// The rules of an instrument's own fields, the same for the form and the import: required fields,
/// lengths, department names of at most 8 characters, dates in order. Codes that must exist in the
/// catalog or the region list, and the duplicate rule, are checked by <c>InstrumentIndexHandler</c> on every save, which has the database.
/// </summary>
public static class InstrumentRules
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(InstrumentPart.Name)] = "器具名称",
        [nameof(InstrumentPart.ModelSpec)] = "型号规格",
        [nameof(InstrumentPart.SerialNumber)] = "出厂编号",
        [nameof(InstrumentPart.OwnNumber)] = "自编号",
        [nameof(InstrumentPart.Manufacturer)] = "制造单位",
        [nameof(InstrumentPart.Origin)] = "生产地",
        [nameof(InstrumentPart.State)] = "器具状态",
        [nameof(InstrumentPart.Usage)] = "器具用途",
        [nameof(InstrumentPart.Kind)] = "器具类型",
        [nameof(InstrumentPart.Method)] = "检定方式",
        [nameof(InstrumentPart.RegionCode)] = "所属地代码",
        [nameof(InstrumentPart.CatalogCode)] = "种别代码",
        [nameof(InstrumentPart.Department)] = "使用部门",
        [nameof(InstrumentPart.Location)] = "安装地点",
        [nameof(InstrumentPart.MeasuringRange)] = "测量范围",
        [nameof(InstrumentPart.Accuracy)] = "准确度等级/最大允许误差",
        [nameof(InstrumentPart.ManufactureDate)] = "出厂日期",
        [nameof(InstrumentPart.LastVerificationDate)] = "最近检定日期",
        [nameof(InstrumentPart.ValidUntil)] = "有效期至",
    };

    public static readonly IReadOnlyDictionary<string, CodeList> Coded = new Dictionary<string, CodeList>
    {
        [nameof(InstrumentPart.Origin)] = InstrumentCodes.Origin,
        [nameof(InstrumentPart.State)] = InstrumentCodes.State,
        [nameof(InstrumentPart.Usage)] = InstrumentCodes.Usage,
        [nameof(InstrumentPart.Kind)] = InstrumentCodes.Kind,
        [nameof(InstrumentPart.Method)] = InstrumentCodes.Method,
    };

    public static readonly IReadOnlySet<string> Required = new HashSet<string>
    {
        nameof(InstrumentPart.Name), nameof(InstrumentPart.ModelSpec), nameof(InstrumentPart.SerialNumber),
        nameof(InstrumentPart.Origin), nameof(InstrumentPart.State), nameof(InstrumentPart.Usage), nameof(InstrumentPart.Kind),
        nameof(InstrumentPart.Method), nameof(InstrumentPart.RegionCode), nameof(InstrumentPart.CatalogCode),
    };

    private static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        [nameof(InstrumentPart.Name)] = 100, [nameof(InstrumentPart.ModelSpec)] = 100, [nameof(InstrumentPart.SerialNumber)] = 100,
        [nameof(InstrumentPart.OwnNumber)] = 50, [nameof(InstrumentPart.Manufacturer)] = 100, [nameof(InstrumentPart.Department)] = 8,
        [nameof(InstrumentPart.Location)] = 100, [nameof(InstrumentPart.MeasuringRange)] = 200, [nameof(InstrumentPart.Accuracy)] = 200,
    };

    /// <summary>(property, message) for each problem of the part's own values.</summary>
    public static IEnumerable<(string Field, string Message)> Check(InstrumentPart p)
    {
        var texts = new Dictionary<string, string?>
        {
            [nameof(p.Name)] = p.Name, [nameof(p.ModelSpec)] = p.ModelSpec, [nameof(p.SerialNumber)] = p.SerialNumber,
            [nameof(p.OwnNumber)] = p.OwnNumber, [nameof(p.Manufacturer)] = p.Manufacturer, [nameof(p.Department)] = p.Department,
            [nameof(p.Location)] = p.Location, [nameof(p.MeasuringRange)] = p.MeasuringRange, [nameof(p.Accuracy)] = p.Accuracy,
            [nameof(p.RegionCode)] = p.RegionCode, [nameof(p.CatalogCode)] = p.CatalogCode,
        };
        var codes = new Dictionary<string, int?>
        {
            [nameof(p.Origin)] = p.Origin, [nameof(p.State)] = p.State, [nameof(p.Usage)] = p.Usage, [nameof(p.Kind)] = p.Kind, [nameof(p.Method)] = p.Method,
        };
        foreach (var field in Required)
        {
            var missing = texts.TryGetValue(field, out var t) ? string.IsNullOrWhiteSpace(t) : codes[field] is null;
            if (missing) yield return (field, $"请填写「{Labels[field]}」。");
        }
        foreach (var (field, max) in MaxLengths)
            if (texts[field] is { } t && t.Trim().Length > max)
                yield return (field, field == nameof(p.Department) ? $"部门名称最多 {max} 个字（当前 {t.Trim().Length} 个）。" : $"「{Labels[field]}」不能超过 {max} 个字符。");
        foreach (var (field, code) in codes)
            if (code is int c && Coded[field].Label(c) is null)
                yield return (field, $"「{Labels[field]}」只能填代码：{Coded[field].Allowed}。");
        if (p.RegionCode is { Length: > 0 } r && (r.Length != 6 || !r.All(char.IsAsciiDigit)))
            yield return (nameof(p.RegionCode), "所属地代码应为 6 位数字，如 441202。");
        if (p.ManufactureDate is { } made && p.LastVerificationDate is { } last && last < made)
            yield return (nameof(p.LastVerificationDate), "最近检定日期不能早于出厂日期。");
        if (p.LastVerificationDate is { } from && p.ValidUntil is { } until && until < from)
            yield return (nameof(p.ValidUntil), "有效期至不能早于最近检定日期。");
    }
}
