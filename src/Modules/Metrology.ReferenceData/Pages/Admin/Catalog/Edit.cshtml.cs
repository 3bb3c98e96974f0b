using System.ComponentModel.DataAnnotations;
using Metrology.Core.Admin;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.ReferenceData.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Metrology.ReferenceData.Pages.Admin.Catalog;

[Permission("ManageCatalog")]
public sealed class EditModel(TenantDbContext db, CatalogService catalog) : PageModel
{
    [BindProperty] public ItemInput Input { get; set; } = new();

    public bool IsNew => Input.Id == 0;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is null) return Page();
        var item = await db.Set<CatalogItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return NotFound();
        Input = ItemInput.From(item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Mode == VerificationMode.Periodic && Input.Marking != ControlMarking.P && Input.PeriodMonths is null)
            ModelState.AddModelError("Input.PeriodMonths", "周期检定的器具须填写检定周期（月）。");
        var code = Input.Code?.Trim();
        if (code is not null && await db.Set<CatalogItem>().AnyAsync(i => i.Code == code && i.Id != Input.Id, ct))
            ModelState.AddModelError("Input.Code", $"种别代码「{code}」已存在。");
        if (!ModelState.IsValid) return Page();

        var item = Input.Id == 0 ? new CatalogItem() : await db.Set<CatalogItem>().FirstOrDefaultAsync(i => i.Id == Input.Id, ct);
        if (item is null) return NotFound();
        Input.ApplyTo(item);
        await catalog.SaveAsync(item, ct);
        TempData.Success($"目录项 {item.Code} {item.Name} 已保存。");
        return RedirectToPage("Index");
    }

    public sealed class ItemInput
    {
        public int Id { get; set; }

        [Required(ErrorMessage = "请输入种别代码")]
        [RegularExpression("^[A-Za-z0-9-]{1,20}$", ErrorMessage = "种别代码只能由字母、数字和连字符组成，最多 20 位")]
        [Display(Name = "种别代码")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "请输入器具名称")]
        [StringLength(100, ErrorMessage = "不能超过 100 个字符")]
        [Display(Name = "器具名称")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "请输入一级目录")]
        [StringLength(100, ErrorMessage = "不能超过 100 个字符")]
        [Display(Name = "一级目录")]
        public string? Group { get; set; }

        [StringLength(100, ErrorMessage = "不能超过 100 个字符")]
        [Display(Name = "二级目录")]
        public string? Item { get; set; }

        [Display(Name = "管理方式")]
        public ControlMarking Marking { get; set; } = ControlMarking.V;

        [Display(Name = "检定方式")]
        public VerificationMode Mode { get; set; } = VerificationMode.Periodic;

        [Range(1, 240, ErrorMessage = "检定周期应为 1–240 个月")]
        [Display(Name = "检定周期（月）")]
        public int? PeriodMonths { get; set; }

        public List<int> Usages { get; set; } = [];

        [StringLength(200, ErrorMessage = "不能超过 200 个字符")]
        [Display(Name = "检定规程")]
        public string? Regulation { get; set; }

        [StringLength(500, ErrorMessage = "不能超过 500 个字符")]
        [Display(Name = "测量范围")]
        public string? MeasuringRange { get; set; }

        [StringLength(500, ErrorMessage = "不能超过 500 个字符")]
        [Display(Name = "最大允许误差")]
        public string? Mpe { get; set; }

        [Display(Name = "示例代码（非官方）")]
        public bool IsSample { get; set; }

        /// <summary>Which lab confirms an on-site booking of such an instrument (ADR 0010).</summary>
        [Display(Name = "所属专业（现场检定由该专业的科室确认）")]
        public Discipline Discipline { get; set; }

        public static ItemInput From(CatalogItem i) => new()
        {
            Id = i.Id, Code = i.Code, Name = i.Name, Group = i.Group, Item = i.Item, Marking = i.Marking, Mode = i.Mode,
            PeriodMonths = i.PeriodMonths, Usages = Labels.CodesOf(i.Usages).ToList(), Regulation = i.Regulation,
            MeasuringRange = i.MeasuringRange, Mpe = i.Mpe, IsSample = i.IsSample, Discipline = i.Discipline,
        };

        public void ApplyTo(CatalogItem i)
        {
            i.Code = Code!.Trim();
            i.Name = Name!.Trim();
            i.Group = Group!.Trim();
            i.Item = string.IsNullOrWhiteSpace(Item) ? null : Item.Trim();
            i.Marking = Marking;
            i.Mode = Mode;
            i.PeriodMonths = PeriodMonths;
            i.Usages = Usages.Where(c => c is >= 1 and <= 4).Aggregate(Usage.None, (all, c) => all | Labels.UsageOf(c));
            i.Regulation = Regulation?.Trim();
            i.MeasuringRange = MeasuringRange?.Trim();
            i.Mpe = Mpe?.Trim();
            i.IsSample = IsSample;
            i.Discipline = Enum.IsDefined(Discipline) ? Discipline : Discipline.None;
        }
    }
}
