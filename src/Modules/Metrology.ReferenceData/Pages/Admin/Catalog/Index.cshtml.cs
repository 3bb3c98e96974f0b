using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Excel;
using Metrology.Core.Security;
using Metrology.ReferenceData.Import;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Admin.Catalog;

[Permission("ManageCatalog")]
public sealed class IndexModel(CatalogService catalog, TenantDbContext db, XlsxLimits limits) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public ControlMarking? Marking { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CatalogItem> Items { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public bool HasSamples { get; private set; }
    public ImportResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = catalog.Items;
        if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(i => i.Code.StartsWith(Q.Trim()) || i.Name.Contains(Q.Trim()) || i.Group.Contains(Q.Trim()));
        if (Marking is not null) query = query.Where(i => i.Marking == Marking);
        Pager = new Pager(PageNumber, PageSize, await query.CountAsync(ct), p => Url.Page("Index", new { Q, Marking, p })!);
        Items = await query.OrderBy(i => i.Code).Skip(Pager.Skip).Take(PageSize).ToListAsync(ct);
        HasSamples = await catalog.Items.AnyAsync(i => i.IsSample, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var items = await catalog.Items.OrderBy(i => i.Code).ToListAsync(ct);
        return WorkbookFile.Download("强检目录.xlsx", new SheetData("强检目录", CatalogSheet.Columns, items.Select(CatalogSheet.ToCells)), CatalogSheet.Codes);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? workbook, bool importValidRows, CancellationToken ct)
    {
        Result = await WorkbookFile.ImportAsync(workbook, ModelState, stream =>
            SheetImport.RunAsync(stream, CatalogSheet.Columns, CatalogSheet.Parse, CheckAgainstFileAsync, items => catalog.UpsertAsync(items, ct), importValidRows, limits));
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (await db.Set<InstitutionCapability>().AnyAsync(c => c.CatalogItemId == id, ct))
        {
            TempData.Error("该目录项已被检定机构列为可检项目，请先在机构中取消后再删除。");
            return RedirectToPage(new { Q, Marking });
        }
        await catalog.DeleteAsync(id, ct);
        TempData.Success("目录项已删除。");
        return RedirectToPage(new { Q, Marking });
    }

    /// <summary>A code may appear only once in the file.</summary>
    private static Task CheckAgainstFileAsync(IReadOnlyList<(int Row, CatalogItem Item)> items, List<ImportError> errors)
    {
        foreach (var group in items.GroupBy(i => i.Item.Code).Where(g => g.Count() > 1))
        {
            var first = group.First().Row;
            foreach (var (row, _) in group.Skip(1))
                errors.Add(new ImportError(row, "种别代码", $"种别代码「{group.Key}」与第 {first} 行重复。"));
        }
        return Task.CompletedTask;
    }
}
