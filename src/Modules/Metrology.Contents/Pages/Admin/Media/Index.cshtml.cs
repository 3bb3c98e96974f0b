using Metrology.Core.Admin;
using Metrology.Core.Content;
using Metrology.Core.Media;
using Metrology.Core.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Contents.Pages.Admin.Media;

/// <summary>The media library: folders, uploads checked like every upload, and deletion.</summary>
[Permission("ManageMedia")]
public sealed class IndexModel(IFileStore files) : PageModel
{
    private static readonly ContentFieldDefinition LibraryRules = new() { Name = "Library", DisplayName = "文件", Type = FieldTypes.Media };

    private string _folder = "";

    [BindProperty(SupportsGet = true)] public string Folder { get => _folder; set => _folder = value ?? ""; }
    [BindProperty] public string? NewFolder { get; set; }

    public IReadOnlyList<FileStoreEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Valid(Folder)) return BadRequest();
        Entries = await files.ListAsync(Folder, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> uploads, CancellationToken ct)
    {
        if (!Valid(Folder)) return BadRequest();
        var problems = new List<string>();
        foreach (var file in uploads)
        {
            if (await MediaUpload.CheckAsync(LibraryRules, file) is { } problem) problems.Add($"{file.FileName}：{problem}");
        }
        if (uploads.Count == 0) problems.Add("请选择要上传的文件。");
        if (problems.Count > 0)
        {
            // Nothing of the batch is stored when one file is refused.
            foreach (var p in problems) ModelState.AddModelError("uploads", p);
            Entries = await files.ListAsync(Folder, ct);
            return Page();
        }
        foreach (var file in uploads) await MediaUpload.SaveAsync(files, Folder, file, ct);
        TempData.Success($"已上传 {uploads.Count} 个文件。");
        return RedirectToPage(new { Folder });
    }

    public async Task<IActionResult> OnPostFolderAsync(CancellationToken ct)
    {
        if (!Valid(Folder)) return BadRequest();
        var name = MediaUpload.SafeName(NewFolder ?? "");
        if (string.IsNullOrWhiteSpace(NewFolder)) ModelState.AddModelError(nameof(NewFolder), "请输入文件夹名称。");
        if (!ModelState.IsValid)
        {
            Entries = await files.ListAsync(Folder, ct);
            return Page();
        }
        await files.CreateFolderAsync(LocalFileStore.Combine(Folder, name), ct);
        return RedirectToPage(new { Folder = LocalFileStore.Combine(Folder, name) });
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? path, CancellationToken ct)
    {
        if (path is null || !Valid(path) || !Valid(Folder)) return BadRequest();
        if (await files.DeleteAsync(path, ct)) TempData.Success("已删除。");
        else TempData.Error("未删除：文件不存在，或文件夹不是空的。");
        return RedirectToPage(new { Folder });
    }

    /// <summary>A folder inside the library: no "..", no root, no backslash or control character (the store would throw).</summary>
    private static bool Valid(string path) =>
        !path.Contains("..", StringComparison.Ordinal) && !path.StartsWith('/') && !path.Any(c => c == '\\' || c == ':' || char.IsControl(c));
}
