using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Metrology.Core.Content;
using Metrology.Excel;
using Metrology.Instruments.Models;

namespace Metrology.Instruments.Import;

/// <summary>One row of the sheet: the instrument's part and the values of the tenant's extra fields.</summary>
internal sealed record InstrumentRow(InstrumentPart Part, IReadOnlyDictionary<string, JsonNode?> Fields);

/// <summary>
/// The library as a worksheet (the Guangdong template, seed 004 §三): the columns in template order, then the
/// tenant's extra fields of the Instrument type; a row to and from an instrument, with the rules of each cell.
/// Coded columns take the numbers only; dates are yyyy-mm-dd. The template's second row is an example: a row
/// whose 器具名称 starts with <see cref="ExampleMarker"/> is skipped on import, so the example can stay in the file.
/// </summary>
internal sealed class InstrumentSheet
{
    public const string SheetName = "器具";
    public const string CodesSheetName = "代码说明";
    public const string ExampleMarker = "【示例】";

    private static readonly string[] Properties =
    [
        nameof(InstrumentPart.Name), nameof(InstrumentPart.ModelSpec), nameof(InstrumentPart.SerialNumber), nameof(InstrumentPart.OwnNumber),
        nameof(InstrumentPart.Manufacturer), nameof(InstrumentPart.Origin), nameof(InstrumentPart.State), nameof(InstrumentPart.Usage),
        nameof(InstrumentPart.Kind), nameof(InstrumentPart.Method), nameof(InstrumentPart.RegionCode), nameof(InstrumentPart.CatalogCode),
        nameof(InstrumentPart.Department), nameof(InstrumentPart.Location), nameof(InstrumentPart.MeasuringRange), nameof(InstrumentPart.Accuracy),
        nameof(InstrumentPart.ManufactureDate), nameof(InstrumentPart.LastVerificationDate), nameof(InstrumentPart.ValidUntil),
    ];

    private static readonly Dictionary<string, double> Widths = new()
    {
        [nameof(InstrumentPart.Name)] = 22, [nameof(InstrumentPart.ModelSpec)] = 16, [nameof(InstrumentPart.SerialNumber)] = 18,
        [nameof(InstrumentPart.Manufacturer)] = 22, [nameof(InstrumentPart.Accuracy)] = 24, [nameof(InstrumentPart.MeasuringRange)] = 18,
    };

    private readonly List<ContentFieldDefinition> _fields;
    private readonly IReadOnlyList<(string Code, string Name)> _catalog;
    private readonly IReadOnlyList<(string Code, string Name)> _regions;
    private readonly Dictionary<string, string> _catalogCodes;
    private readonly Dictionary<string, string> _regionCodes;

    /// <param name="fields">The tenant's extra fields of the Instrument type.</param>
    /// <param name="catalog">The catalog's codes and names, loaded once for the whole import.</param>
    /// <param name="regions">The regions' codes and names, loaded once for the whole import.</param>
    public InstrumentSheet(IEnumerable<ContentFieldDefinition> fields, IReadOnlyList<(string Code, string Name)> catalog, IReadOnlyList<(string Code, string Name)> regions)
    {
        // A file path or an item id cannot be typed into a cell: media and picker fields stay in the form.
        _fields = fields.Where(f => f.Type is not (FieldTypes.Media or FieldTypes.ContentPicker)).ToList();
        _catalog = catalog;
        _regions = regions;
        _catalogCodes = catalog.GroupBy(c => c.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Code, StringComparer.OrdinalIgnoreCase);
        _regionCodes = regions.GroupBy(r => r.Code).ToDictionary(g => g.Key, g => g.Key);
        Columns =
        [
            .. Properties.Select(p => new SheetColumn(InstrumentRules.Labels[p], InstrumentRules.Required.Contains(p), ChoicesOf(p), Widths.GetValueOrDefault(p, 12))),
            .. _fields.Select(f => new SheetColumn(f.DisplayName, f.Required,
                f.Type == FieldTypes.Enumeration ? f.Options.Select(o => o.Code).ToList() : f.Type == FieldTypes.Boolean ? ["是", "否"] : null, 16)),
        ];
    }

    public IReadOnlyList<SheetColumn> Columns { get; }

    /// <summary>The 0-based column of a part's property or an extra field's name, or -1.</summary>
    public int ColumnOf(string field)
    {
        var i = Array.IndexOf(Properties, field == "Title" ? nameof(InstrumentPart.Name) : field);
        if (i >= 0) return i;
        var f = _fields.FindIndex(x => x.Name == field);
        return f >= 0 ? Properties.Length + f : -1;
    }

    public string HeaderOf(string field) => ColumnOf(field) is var i and >= 0 ? Columns[i].Header : field;

    private IReadOnlyList<string>? ChoicesOf(string property) =>
        InstrumentRules.Coded.TryGetValue(property, out var list) ? list.Codes.Select(c => c.Code.ToString(CultureInfo.InvariantCulture)).ToList()
        : property == nameof(InstrumentPart.CatalogCode) && _catalog.Count > 0 ? _catalog.Select(c => c.Code).ToList()
        : property == nameof(InstrumentPart.RegionCode) && _regions.Count > 0 ? _regions.Select(r => r.Code).ToList()
        : null;

    public SheetData Sheet(IEnumerable<IReadOnlyList<string?>> rows) => new(SheetName, Columns, rows);

    /// <summary>The template: the instrument sheet with its example row, and the codes sheet.</summary>
    public IReadOnlyList<SheetData> Template() => [Sheet([ExampleRow()]), CodesSheet()];

    /// <summary>An export: the same layout as the template, without the example, so it imports back.</summary>
    public IReadOnlyList<SheetData> Export(IEnumerable<IReadOnlyList<string?>> rows) => [Sheet(rows), CodesSheet()];

    private IReadOnlyList<string?> ExampleRow()
    {
        var catalog = _catalog.FirstOrDefault();
        var region = _regions.FirstOrDefault(r => !r.Code.EndsWith("00", StringComparison.Ordinal));
        region = region.Code is null ? _regions.FirstOrDefault() : region;
        return
        [
            ExampleMarker + (catalog.Name ?? "电子计价秤"), "ACS-15", "20240501001", "ZB-001", "某某衡器有限公司", "1", "2", "4", "3", "1",
            region.Code, catalog.Code, "计量室", "一楼收银台", "(0~15)kg", "Ⅲ级", "2024-05-01", "2025-06-01", "2026-05-31",
        ];
    }

    /// <summary>"代码说明": how to fill the sheet, then each coded column's codes with their meaning.</summary>
    public SheetData CodesSheet()
    {
        IReadOnlyList<string?>[] notes =
        [
            ["填写说明", null, "标 * 的列为必填项（表头红色）。"],
            ["填写说明", null, "生产地、器具状态、器具用途、器具类型、检定方式、所属地代码、种别代码只能填下列代码（数字），不能填中文。"],
            ["填写说明", null, "日期格式为 yyyy-mm-dd，如 2026-05-31。"],
            ["填写说明", null, "器具名称、型号规格、出厂编号、自编号四者相同视为同一台器具，不能重复导入。"],
            ["填写说明", null, $"第 2 行是示例：器具名称以“{ExampleMarker}”开头的行导入时会被跳过，可以保留或删除。"],
        ];
        var coded = InstrumentRules.Coded.Values.SelectMany(list => list.Codes.Select(c => (IReadOnlyList<string?>)[list.Name, c.Code.ToString(CultureInfo.InvariantCulture), c.Label]));
        var regions = _regions.Select(r => (IReadOnlyList<string?>)["所属地代码", r.Code, r.Name]);
        var catalog = _catalog.Select(c => (IReadOnlyList<string?>)["种别代码", c.Code, c.Name]);
        var enumerations = _fields.Where(f => f.Type == FieldTypes.Enumeration)
            .SelectMany(f => f.Options.Select(o => (IReadOnlyList<string?>)[f.DisplayName, o.Code, o.Label]));
        return new SheetData(CodesSheetName, [new("列", Width: 16), new("代码", Width: 10), new("含义", Width: 60)],
            [.. notes, .. coded, .. regions, .. catalog, .. enumerations]);
    }

    public static bool IsExample(XlsxRow row) => row[0]?.StartsWith(ExampleMarker, StringComparison.Ordinal) == true;

    public IReadOnlyList<string?> ToCells(InstrumentPart p, ContentItem? item) =>
    [
        p.Name, p.ModelSpec, p.SerialNumber, p.OwnNumber, p.Manufacturer, Number(p.Origin), Number(p.State), Number(p.Usage), Number(p.Kind),
        Number(p.Method), p.RegionCode, p.CatalogCode, p.Department, p.Location, p.MeasuringRange, p.Accuracy,
        Date(p.ManufactureDate), Date(p.LastVerificationDate), Date(p.ValidUntil),
        .. _fields.Select(f => item is null ? null : CellOf(f, item.Field(f.Name))),
    ];

    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? CellOf(ContentFieldDefinition field, JsonNode? value) => field.Type == FieldTypes.Boolean
        ? FieldTypes.ToText(field, value) switch { "true" => "是", "false" => "否", _ => null }
        : FieldTypes.ToText(field, value);

    /// <summary>
    /// Reads a row into an instrument. Every cell is checked and each problem added by row and column; the row is
    /// returned even when it has problems, so the file-wide checks (duplicates) can name it too.
    /// </summary>
    public InstrumentRow Parse(XlsxRow row, List<ImportError> errors)
    {
        var bad = new HashSet<int>();
        void Error(int column, string message)
        {
            bad.Add(column);
            errors.Add(new ImportError(row.Number, Columns[column].Header, message));
        }
        string? Text(int column) => row[column]?.Trim() is { Length: > 0 } t ? t : null;

        int? Code(int column)
        {
            if (Text(column) is not { } text) return null;
            var list = InstrumentRules.Coded[Properties[column]];
            var normalized = text.Normalize(NormalizationForm.FormKC);
            if (int.TryParse(normalized, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && list.Label(code) is not null) return code;
            Error(column, IsNumber(normalized)
                ? $"「{list.Name}」只能填代码：{list.Allowed}，「{text}」不是其中之一。"
                : $"「{list.Name}」只能填代码：{list.Allowed}，不能填文字「{text}」。");
            return null;
        }

        string? Reference(int column, Dictionary<string, string> codes, string what)
        {
            if (Text(column) is not { } text) return null;
            var normalized = text.Normalize(NormalizationForm.FormKC);
            if (codes.TryGetValue(normalized, out var code)) return code;
            var header = Columns[column].Header;
            Error(column, IsWord(normalized)
                ? $"「{header}」只能填代码（见「{CodesSheetName}」表），不能填文字「{text}」。"
                : $"{header}「{text}」{what}。");
            return null;
        }

        // A code of the wrong shape is left for the form's rule ("应为 6 位数字"); a word or an unknown code is told here.
        string? Region(int column) =>
            Text(column) is { } text && !IsWord(text) && (text.Length != 6 || !text.All(char.IsAsciiDigit)) ? text : Reference(column, _regionCodes, "不存在");

        DateOnly? Date(int column)
        {
            if (Text(column) is not { } text) return null;
            if (DateOnly.TryParseExact(text.Normalize(NormalizationForm.FormKC), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Error(column, $"「{Columns[column].Header}」应为 yyyy-mm-dd 格式的日期，如 2026-05-31，实际为「{text}」。");
            return null;
        }

        var part = new InstrumentPart
        {
            Name = Text(0) ?? "",
            ModelSpec = Text(1) ?? "",
            SerialNumber = Text(2) ?? "",
            OwnNumber = Text(3),
            Manufacturer = Text(4),
            Origin = Code(5),
            State = Code(6),
            Usage = Code(7),
            Kind = Code(8),
            Method = Code(9),
            RegionCode = Region(10),
            CatalogCode = Reference(11, _catalogCodes, "不在强检目录中"),
            Department = Text(12),
            Location = Text(13),
            MeasuringRange = Text(14),
            Accuracy = Text(15),
            ManufactureDate = Date(16),
            LastVerificationDate = Date(17),
            ValidUntil = Date(18),
        };
        // The form's rules (required, lengths, region format, dates in order), where the cell was readable.
        foreach (var (field, message) in InstrumentRules.Check(part))
        {
            var column = ColumnOf(field);
            if (!bad.Contains(column)) Error(column, message);
        }

        var fields = new Dictionary<string, JsonNode?>();
        for (var i = 0; i < _fields.Count; i++)
        {
            var field = _fields[i];
            var text = Text(Properties.Length + i);
            if (field.Type == FieldTypes.Boolean) text = text is "是" or "true" or "TRUE" or "1" ? "true" : "false";
            var (value, error) = FieldTypes.Parse(field, text);
            if (error is not null) Error(Properties.Length + i, error);
            else fields[field.Name] = value;
        }
        return new InstrumentRow(part, fields);
    }

    /// <summary>Has CJK characters: someone wrote the meaning instead of the code.</summary>
    private static bool IsWord(string text) => text.Any(c => c > 0x2E7F);

    private static bool IsNumber(string text) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
}
