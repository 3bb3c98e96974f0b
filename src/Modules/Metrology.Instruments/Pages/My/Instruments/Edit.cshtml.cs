using Metrology.Core.Enterprises;
using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Metrology.Instruments.Models;
using Microsoft.AspNetCore.Mvc;

namespace Metrology.Instruments.Pages.My.Instruments;

/// <summary>Add, edit or copy (?copy=) an instrument of the enterprise, with each problem at its field.</summary>
[Permission("ManageOwnInstruments")]
public sealed class EditModel(InstrumentLibrary library, InstrumentHistory history, Metrology.Core.Settings.SiteSettingsService site) : EnterprisePage
{
    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Copy { get; set; }
    [BindProperty] public string? VersionId { get; set; }

    /// <summary>Where a new instrument goes back to with <c>added={id}</c> (a filing draft that asked for it); a local URL only.</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public InstrumentPart Input { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Fields { get; set; } = [];

    public ContentTypeDefinition Definition { get; private set; } = null!;
    public InstrumentPart? Existing { get; private set; }

    /// <summary>The instrument's cycles (备案, 约检, 接收, 检定, 结论, 有效期至) when an existing one is edited.</summary>
    public IReadOnlyList<Metrology.Core.Instruments.InstrumentHistoryEntry> History { get; private set; } = [];
    public string TimeZoneId { get; private set; } = "Asia/Shanghai";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Definition = await library.DefinitionAsync(ct) ?? throw new InvalidOperationException("器具内容类型不存在。");
        var source = Id ?? Copy;
        if (source is null) return Page();
        if (await library.GetAsync(Enterprise.Id, source, ct) is not { } found) return NotFound();
        Input = found.Part;
        Fields = Definition.Fields.ToDictionary(f => f.Name, f => FieldTypes.ToText(f, found.Item.Field(f.Name)));
        if (Id is not null)
        {
            Existing = found.Part;
            VersionId = found.Item.ContentItemVersionId;
            History = await history.ForAsync(Id, false, ct);
            TimeZoneId = (await site.GetAsync(ct)).TimeZoneId;
        }
        else
        {
            // A copy is a new instrument like the source: its own serial number is to be typed.
            Input = Input with { SerialNumber = "", OwnNumber = null, ValidUntil = null, LastVerificationDate = null };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Definition = await library.DefinitionAsync(ct) ?? throw new InvalidOperationException("器具内容类型不存在。");
        (ContentItem, InstrumentPart)? found = null;
        if (Id is not null)
        {
            found = await library.GetAsync(Enterprise.Id, Id, ct);
            if (found is null) return NotFound();
            Existing = found.Value.Item2;
        }
        if (!ModelState.IsValid) return Page();
        try
        {
            var result = await library.SaveLoadedAsync(Enterprise.Id, found, Input, Fields, User.Identity?.Name, VersionId, ct);
            foreach (var (field, message) in result.Errors)
                ModelState.AddModelError(field.StartsWith("Fields[", StringComparison.Ordinal) ? field : "Input." + field, message);
            if (!result.Succeeded) return Page();
            TempData.Success(Id is null ? $"器具「{Input.Name}」已加入我的器具。" : $"器具「{Input.Name}」已保存。");
            if (Id is null && ReturnUrl is { Length: > 0 } back && Url.IsLocalUrl(back))
                return LocalRedirect($"{back}{(back.Contains('?') ? '&' : '?')}added={Uri.EscapeDataString(result.Item!.ContentItemId)}");
            return RedirectToPage("Index");
        }
        catch (ContentConflictException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
    }

    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
