using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.Contents;

[Permission("EditContent")]
public sealed class IndexModel(ContentManager contents, ContentDefinitionStore definitions, ContentAccess access) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public List<string> Selected { get; set; } = [];

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Types = (await definitions.TypesAsync(ct)).Where(t => t.Listable).ToList();
        // Only listable types, and of those only what the item pages would show this user.
        var query = await access.LimitAsync(User, Types, new ContentQuery
        {
            ContentType = string.IsNullOrEmpty(Type) ? null : Type,
            // Types that are not listable (an enterprise's instruments) are kept by their own module's pages.
            ContentTypes = Types.Select(t => t.Name).ToList(),
            Text = Q,
            IsPublished = Status switch { "published" => true, "draft" => false, _ => null },
        });
        Types = Types.Where(t => query.ContentTypes.Contains(t.Name)).ToList();
        var (_, total) = await contents.QueryAsync(query with { Take = 0 }, ct);
        Pager = new Pager(PageNumber, PageSize, total, p => Url.Page("Index", new { Type, Q, Status, p })!);
        (Items, _) = await contents.QueryAsync(query with { Skip = Pager.Skip, Take = PageSize }, ct);
    }

    public Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        BulkAsync(access.MayPublishAsync, "发布", id => contents.PublishAsync(id, User.Identity?.Name, ct), ct);

    public Task<IActionResult> OnPostUnpublishAsync(CancellationToken ct) =>
        BulkAsync(access.MayPublishAsync, "取消发布", id => contents.UnpublishAsync(id, User.Identity?.Name, ct), ct);

    public Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) =>
        BulkAsync(access.MayDeleteAsync, "删除", id => contents.RemoveAsync(id, User.Identity?.Name, ct), ct);

    public async Task<IActionResult> OnPostCloneAsync(string id, CancellationToken ct)
    {
        var source = await contents.GetAsync(id, VersionOptions.Latest, ct);
        if (source is null) return NotFound();
        var type = await definitions.FindAsync(source.ContentType, ct);
        if (type is null || !await access.MayEditAsync(User, type, null)) return Forbid();
        if (!type.Draftable && !await access.MayPublishAsync(User, type)) return Forbid();
        var copy = await contents.CloneAsync(id, User.Identity?.Name, ct);
        if (!copy.Succeeded)
        {
            TempData.Error("无法复制：" + string.Join("；", copy.Errors.Select(e => e.Message)));
            return RedirectToPage(new { Type, Q, Status });
        }
        TempData.Success($"已复制为草稿「{copy.Item!.DisplayText}」。");
        return RedirectToPage("Edit", new { id = copy.Item.ContentItemId });
    }

    /// <summary>Each selected item is changed only when the user may do so with its type; the others are counted as refused.</summary>
    private async Task<IActionResult> BulkAsync(Func<System.Security.Claims.ClaimsPrincipal, ContentTypeDefinition, Task<bool>> may, string action, Func<string, Task<bool>> change, CancellationToken ct)
    {
        if (Selected.Count == 0)
        {
            TempData.Error("请先勾选内容。");
            return RedirectToPage(new { Type, Q, Status });
        }
        int done = 0, refused = 0;
        foreach (var id in Selected.Distinct())
        {
            var item = await contents.GetAsync(id, VersionOptions.Latest, ct);
            var type = item is null ? null : await definitions.FindAsync(item.ContentType, ct);
            if (type is null || !await may(User, type)) refused++;
            else if (await change(id)) done++;
        }
        if (refused > 0) TempData.Error($"已{action} {done} 项；{refused} 项没有权限，未处理。");
        else TempData.Success($"已{action} {done} 项。");
        return RedirectToPage(new { Type, Q, Status });
    }
}
