using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.ContentTypes;

/// <summary>A type's settings and parts, and its fields: add, remove, reorder. Stored items are never changed.</summary>
[Permission("ManageContentTypes")]
public sealed class EditModel(ContentDefinitionStore definitions) : PageModel
{
    public ContentTypeDefinition Type { get; private set; } = null!;

    [BindProperty] public ContentTypeDefinition Settings { get; set; } = new();
    [BindProperty] public List<string> Parts { get; set; } = [];
    [BindProperty] public FieldInput NewField { get; set; } = new();
    [BindProperty] public List<string> ContainedTypes { get; set; } = [];

    /// <summary>Every type, for the list's contained types and a picker's allowed types.</summary>
    public IReadOnlyList<ContentTypeDefinition> AllTypes { get; private set; } = [];

    /// <summary>The field being edited (?field=), whose settings fill the field form.</summary>
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken ct)
    {
        if (await definitions.FindAsync(name, ct) is not { } type) return NotFound();
        Type = type;
        if (Field is not null)
        {
            if (type.Fields.FirstOrDefault(f => f.Name == Field) is not { } field) return NotFound();
            NewField = FieldInput.From(field);
        }
        Parts = type.Parts.ToList();
        AllTypes = await definitions.TypesAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostSettingsAsync(string name, CancellationToken ct) => ChangeAsync(name, t => t with
    {
        DisplayName = Settings.DisplayName?.Trim() ?? "",
        Creatable = Settings.Creatable,
        Listable = Settings.Listable,
        Draftable = Settings.Draftable,
        Versionable = Settings.Versionable,
        Securable = Settings.Securable,
        Parts = ContentParts.All.Select(p => p.Name).Where(Parts.Contains).ToList(),
        ContainedTypes = Parts.Contains(ContentParts.List) ? ContainedTypes.Distinct().ToList() : [],
        PageSize = Math.Clamp(Settings.PageSize, 0, 100),
        AddToTop = Settings.AddToTop,
    }, "设置已保存。", ct, showRefused: true);

    public Task<IActionResult> OnPostAddFieldAsync(string name, CancellationToken ct) => ChangeAsync(name, t =>
    {
        if (t.Fields.Any(f => string.Equals(f.Name, NewField.Name?.Trim(), StringComparison.OrdinalIgnoreCase)))
            ModelState.AddModelError("NewField.Name", $"字段「{NewField.Name}」已存在。");
        return t with { Fields = [.. t.Fields, NewField.ToDefinition()] };
    }, $"字段「{NewField.DisplayName}」已添加。", ct);

    /// <summary>Changes a field's settings; its name (the key of stored values) stays.</summary>
    public Task<IActionResult> OnPostUpdateFieldAsync(string name, CancellationToken ct) => ChangeAsync(name, t =>
    {
        if (t.Fields.All(f => f.Name != Field)) ModelState.AddModelError("NewField.Name", $"字段「{Field}」不存在。");
        NewField.Name = Field;
        var changed = NewField.ToDefinition();
        return t with { Fields = t.Fields.Select(f => f.Name == Field ? changed : f).ToList() };
    }, $"字段「{NewField.DisplayName}」的设置已保存（已保存的数据不变，下次保存内容时按新规则检查）。", ct, showRefused: true);

    public Task<IActionResult> OnPostRemoveFieldAsync(string name, string field, CancellationToken ct) =>
        ChangeAsync(name, t => t with { Fields = t.Fields.Where(f => f.Name != field).ToList() }, $"字段已移除（已保存的数据不会删除，重新添加同名字段即可恢复）。", ct);

    public Task<IActionResult> OnPostMoveFieldAsync(string name, string field, int by, CancellationToken ct) => ChangeAsync(name, t =>
    {
        var fields = t.Fields.ToList();
        var i = fields.FindIndex(f => f.Name == field);
        var j = Math.Clamp(i + by, 0, fields.Count - 1);
        if (i >= 0) (fields[i], fields[j]) = (fields[j], fields[i]);
        return t with { Fields = fields };
    }, "字段顺序已调整。", ct);

    /// <param name="showRefused">A refused settings form shows what was typed; a refused field is not shown as added.</param>
    private async Task<IActionResult> ChangeAsync(string name, Func<ContentTypeDefinition, ContentTypeDefinition> change, string done, CancellationToken ct, bool showRefused = false)
    {
        if (await definitions.FindAsync(name, ct) is not { } type) return NotFound();
        Type = type;
        AllTypes = await definitions.TypesAsync(ct);
        var changed = change(type);
        if (ModelState.IsValid)
        {
            var errors = await definitions.SaveAsync(changed, ct);
            foreach (var (field, message) in errors) ModelState.AddModelError(field == "Fields" ? "NewField.Name" : "Settings." + field, message);
        }
        if (!ModelState.IsValid)
        {
            if (showRefused) Type = changed;
            return Page();
        }
        TempData.Success(done);
        return RedirectToPage(new { name = type.Name });
    }

    public sealed class FieldInput
    {
        public string? Name { get; set; }
        public string? DisplayName { get; set; }
        public string Type { get; set; } = FieldTypes.Text;
        public string? Hint { get; set; }
        public bool Required { get; set; }
        public int? MaxLength { get; set; }
        public string? Pattern { get; set; }
        public bool Multiline { get; set; }
        public bool HideOnPortal { get; set; }
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
        public int Decimals { get; set; }

        /// <summary>Media fields: ".pdf, .docx".</summary>
        public string? AllowedExtensions { get; set; }

        public int? MaxKilobytes { get; set; }

        public bool Multiple { get; set; }

        /// <summary>Content picker fields: the type names that may be picked.</summary>
        public List<string> AllowedTypes { get; set; } = [];

        /// <summary>One option a line: "1 安全防护".</summary>
        public string? Options { get; set; }

        public static FieldInput From(ContentFieldDefinition f) => new()
        {
            Name = f.Name, DisplayName = f.DisplayName, Type = f.Type, Hint = f.Hint, Required = f.Required, MaxLength = f.MaxLength,
            Pattern = f.Pattern, Multiline = f.Multiline, HideOnPortal = f.HideOnPortal, Min = f.Min, Max = f.Max, Decimals = f.Decimals,
            AllowedExtensions = string.Join(", ", f.AllowedExtensions), MaxKilobytes = f.MaxKilobytes, Multiple = f.Multiple,
            AllowedTypes = f.AllowedTypes.ToList(), Options = string.Join("\n", f.Options.Select(o => $"{o.Code} {o.Label}")),
        };

        public ContentFieldDefinition ToDefinition() => new()
        {
            Name = Name?.Trim() ?? "",
            DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? Name?.Trim() ?? "" : DisplayName.Trim(),
            Type = Type,
            Hint = Hint?.Trim(),
            Required = Required,
            MaxLength = MaxLength,
            Pattern = string.IsNullOrWhiteSpace(Pattern) ? null : Pattern.Trim(),
            Multiline = Multiline,
            HideOnPortal = HideOnPortal,
            Min = Min,
            Max = Max,
            Decimals = Math.Clamp(Decimals, 0, 6),
            AllowedExtensions = (AllowedExtensions ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(e => "." + e.Trim().TrimStart('.').ToLowerInvariant()).ToList(),
            MaxKilobytes = MaxKilobytes,
            Multiple = Multiple,
            AllowedTypes = AllowedTypes.Distinct().ToList(),
            Options = (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
                .Select(p => new FieldOption(p[0], p.Length > 1 ? p[1] : p[0]))
                .ToList(),
        };
    }
}
