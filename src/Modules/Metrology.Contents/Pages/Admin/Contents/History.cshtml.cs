using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.Contents;

/// <summary>An item's versions: compare two, restore one as the new draft; and its audit trail.</summary>
[Permission("EditContent")]
public sealed class HistoryModel(ContentManager contents, ContentDefinitionStore definitions, ContentAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? A { get; set; }
    [BindProperty(SupportsGet = true)] public string? B { get; set; }

    public IReadOnlyList<ContentItem> Versions { get; private set; } = [];
    public IReadOnlyList<ContentAuditEntry> Audit { get; private set; } = [];
    public IReadOnlyList<(string Name, string? Left, string? Right)> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Versions = await contents.VersionsAsync(id, ct);
        if (Versions.Count == 0) return NotFound();
        if (await definitions.FindAsync(Versions[0].ContentType, ct) is { } itemType && !await access.MayEditAsync(User, itemType, Versions[0])) return Forbid();
        Audit = await contents.AuditAsync(id, ct);
        var left = Versions.FirstOrDefault(v => v.ContentItemVersionId == A);
        var right = Versions.FirstOrDefault(v => v.ContentItemVersionId == B);
        if (left is not null && right is not null && await definitions.FindAsync(left.ContentType, ct) is { } type)
            Differences = Compare(type, left, right);
        return Page();
    }

    public bool Removed => Versions.All(v => !v.Latest);

    public async Task<IActionResult> OnPostRestoreAsync(string id, string versionId, CancellationToken ct)
    {
        var latest = await contents.GetAsync(id, VersionOptions.Latest, ct);
        if (latest is null) return NotFound(); // a removed item is not brought back through its history
        var type = await definitions.FindAsync(latest.ContentType, ct);
        if (type is null || !await access.MayEditAsync(User, type, latest)) return Forbid();
        if (!type.Draftable && !await access.MayPublishAsync(User, type)) return Forbid();
        var result = await contents.RestoreAsync(id, versionId, User.Identity?.Name, ct);
        if (result.Succeeded) TempData.Success($"已将该版本恢复为新的草稿（第 {result.Item!.Number} 版），发布后访客可见。");
        else TempData.Error("无法恢复：" + string.Join("；", result.Errors.Select(e => e.Message)));
        return RedirectToPage("Edit", new { id });
    }

    private static List<(string, string?, string?)> Compare(ContentTypeDefinition type, ContentItem left, ContentItem right)
    {
        var rows = new List<(string, string?, string?)>
        {
            ("标题", left.DisplayText, right.DisplayText),
            ("网址", left.Path, right.Path),
            ("正文", left.Text(ContentParts.MarkdownBody, "Markdown"), right.Text(ContentParts.MarkdownBody, "Markdown")),
        };
        rows.AddRange(type.Fields.Select(f => (f.DisplayName, FieldTypes.Display(f, left.Field(f.Name)), FieldTypes.Display(f, right.Field(f.Name)))));
        return rows.Where(r => r.Item2 != r.Item3).ToList();
    }
}
