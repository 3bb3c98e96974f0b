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

namespace Metrology.ReferenceData.Pages.Admin.Regions;

[Permission("ManageCatalog")]
public sealed class IndexModel(RegionService regions, TenantDbContext db, XlsxLimits limits) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Region> Items { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public Pager Pager { get; private set; } = null!;
    public ImportResult? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = regions.Regions;
        if (!string.IsNullOrWhiteSpace(Q)) query = query.Where(r => r.Code.StartsWith(Q.Trim()) || r.Name.Contains(Q.Trim()));
        Pager = new Pager(PageNumber, PageSize, await query.CountAsync(ct), p => Url.Page("Index", new { Q, p })!);
        Items = await query.OrderBy(r => r.Code).Skip(Pager.Skip).Take(PageSize).ToListAsync(ct);
        var parents = Items.Select(r => r.ParentCode).OfType<string>().Distinct().ToList();
        Names = await regions.Regions.Where(r => parents.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var all = await regions.Regions.OrderBy(r => r.Code).ToListAsync(ct);
        return WorkbookFile.Download("行政区域代码.xlsx", new SheetData("行政区域", RegionSheet.Columns, all.Select(RegionSheet.ToCells)));
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? workbook, bool importValidRows, CancellationToken ct)
    {
        Result = await WorkbookFile.ImportAsync(workbook, ModelState, stream =>
            SheetImport.RunAsync(stream, RegionSheet.Columns, RegionSheet.Parse, CheckAsync, items => regions.UpsertAsync(items, ct), importValidRows, limits));
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string code, CancellationToken ct)
    {
        if (await regions.Regions.AnyAsync(r => r.ParentCode == code, ct) || await db.Set<InstitutionRegion>().AnyAsync(r => r.RegionCode == code, ct))
        {
            TempData.Error($"区域 {code} 有下级区域或是机构的服务区域，不能删除。");
            return RedirectToPage(new { Q });
        }
        await db.Set<Region>().Where(r => r.Code == code).ExecuteDeleteAsync(ct);
        TempData.Success($"区域 {code} 已删除。");
        return RedirectToPage(new { Q });
    }

    /// <summary>Codes once per file; a parent must exist in the file or already in the tenant.</summary>
    private async Task CheckAsync(IReadOnlyList<(int Row, Region Item)> items, List<ImportError> errors)
    {
        foreach (var group in items.GroupBy(i => i.Item.Code).Where(g => g.Count() > 1))
            foreach (var (row, _) in group.Skip(1))
                errors.Add(new ImportError(row, "区域代码", $"区域代码「{group.Key}」与第 {group.First().Row} 行重复。"));
        var known = (await regions.Regions.Select(r => r.Code).ToListAsync()).Concat(items.Select(i => i.Item.Code)).ToHashSet();
        foreach (var (row, region) in items.Where(i => i.Item.ParentCode is not null && !known.Contains(i.Item.ParentCode)))
            errors.Add(new ImportError(row, "上级代码", $"上级代码「{region.ParentCode}」不存在。"));
    }
}
