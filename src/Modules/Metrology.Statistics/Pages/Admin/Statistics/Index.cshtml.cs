using System.Text.Json;
using Metrology.Core.Reference;
using Metrology.Core.Security;
using Metrology.Excel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Metrology.Statistics.Pages.Admin.Statistics;

/// <summary>
/// 业务统计 of a period: an institution's staff see their institution's figures; those who manage every institution choose
/// one or all. Broken down by month, region, catalog item or usage, with a chart, and exported to xlsx.
/// </summary>
[Permission("ViewStatistics")]
public sealed class IndexModel(StatisticsReport report, IReferenceData reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? Institution { get; set; }
    [BindProperty(SupportsGet = true)] public Breakdown By { get; set; } = Breakdown.Month;

    public IReadOnlyList<InstitutionEntry> Institutions { get; private set; } = [];
    public bool MayChooseInstitution { get; private set; }
    public bool Unassigned { get; private set; }
    public string? Problem { get; private set; }
    public StatisticsResult? Result { get; private set; }
    public string ChartJson { get; private set; } = "{}";

    public static readonly IReadOnlyList<(Breakdown Value, string Label)> Breakdowns =
        [(Breakdown.Month, "按月份"), (Breakdown.Region, "按所属地"), (Breakdown.Catalog, "按器具种别"), (Breakdown.Usage, "按用途")];

    public static readonly IReadOnlyList<(int Kind, string Label)> Kinds = [(1, "自助送检"), (2, "预约送检"), (3, "预约现场检定")];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await RunAsync(ct) || Result is null) return Page();
        ChartJson = JsonSerializer.Serialize(new
        {
            labels = Result.Rows.Select(r => r.Label),
            series = new object[]
            {
                new { name = "备案受理", values = Result.Rows.Select(r => r.Figures.FilingsAccepted) },
                new { name = "接收器具", values = Result.Rows.Select(r => r.Figures.Received) },
                new { name = "检定完成", values = Result.Rows.Select(r => r.Figures.Verified) },
                new { name = "出具证书", values = Result.Rows.Select(r => r.Figures.Certificates) },
            },
        });
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await RunAsync(ct)) return Unassigned ? Forbid() : Page();
        if (Result is null) return Page();
        var buffer = new MemoryStream();
        var heading = Breakdowns.First(b => b.Value == By).Label[1..];
        XlsxWriter.Write(buffer,
        [
            new SheetData("业务统计", [new(heading, Width: 24), new("备案提交"), new("备案受理"), new("不予受理"), new("约检"), new("接收器具"), new("检定完成"),
                new("合格"), new("合格率"), new("超期完成"), new("出具证书"), new("逾期未检")],
                Result.Rows.Append(new BreakdownRow(null, "合计", Result.Totals)).Select(r => (IReadOnlyList<string?>)[r.Label, .. Cells(r.Figures)])),
        ]);
        buffer.Position = 0;
        return File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"业务统计-{From:yyyyMMdd}-{To:yyyyMMdd}.xlsx");
    }

    public static IEnumerable<string?> Cells(Figures f) =>
    [
        f.FilingsSubmitted.ToString(), f.FilingsAccepted.ToString(), f.FilingsRejected.ToString(), f.Booked.ToString(), f.Received.ToString(),
        f.Verified.ToString(), f.Passed.ToString(), Percent(f.PassRate), f.Late.ToString(), f.Certificates.ToString(), f.Overdue.ToString(),
    ];

    public static string Percent(double? rate) => rate is { } r ? $"{r * 100:0.0}%" : "—";

    /// <summary>Checks the scope and the period, then runs the report; false when the user has no institution to see.</summary>
    private async Task<bool> RunAsync(CancellationToken ct)
    {
        MayChooseInstitution = await reference.MayManageAllInstitutionsAsync(User);
        Institutions = await reference.InstitutionsAsync(ct);
        if (!MayChooseInstitution)
        {
            if (await reference.InstitutionOfAsync(User, ct) is not int own)
            {
                Unassigned = true;
                return false;
            }
            Institution = own;
        }
        else if (Institution is { } chosen && Institutions.All(i => i.Id != chosen)) Institution = null;

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        From ??= new DateOnly(today.Year, 1, 1);
        To ??= today;
        if (From > To) Problem = "开始日期不能晚于结束日期。";
        else if (To.Value.DayNumber - From.Value.DayNumber > 366 * 5) Problem = "统计期间最长 5 年，请缩短期间。";
        if (!Enum.IsDefined(By)) By = Breakdown.Month;
        if (Problem is null) Result = await report.RunAsync(Institution, From.Value, To.Value, By, today, ct);
        return true;
    }
}
