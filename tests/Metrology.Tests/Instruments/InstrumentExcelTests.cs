using Metrology.Core.Data;
using Metrology.Excel;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Metrology.Instruments;
using Metrology.Instruments.Import;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

public sealed partial class InstrumentExcelTests(SiteFactory site) : IAsyncLifetime
{
    private const string WaterMobile = "13800000001";
    private const string HospitalMobile = "13800000002";

    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("InstrXls");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => result = await work(s));
        return result;
    }

    private Task<int> EnterpriseIdAsync(string mobile) =>
        RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().Where(e => e.ContactMobile == mobile).Select(e => e.Id).SingleAsync());

    private Task<List<InstrumentIndex>> InstrumentsAsync(int enterpriseId) =>
        RunAsync(s => s.GetRequiredService<TenantDbContext>().Set<InstrumentIndex>().AsNoTracking().Where(i => i.EnterpriseId == enterpriseId).ToListAsync());

    private Task<IReadOnlyList<SheetColumn>> ColumnsAsync() =>
        RunAsync(async s => (await s.GetRequiredService<InstrumentLibrary>().SheetAsync()).Columns);

    /// <summary>A complete, valid row of the template (19 columns) with some cells changed.</summary>
    private static string?[] Row(string name, string serial, params (int Column, string? Value)[] changes)
    {
        string?[] row = [name, "XB-1", serial, null, "示例厂", "1", "2", "4", "3", "1", "441202", "S0101", "计量室", "一楼", "0~15kg", "Ⅲ级", "2024-05-01", "2025-06-01", "2026-05-31"];
        foreach (var (column, value) in changes) row[column] = value;
        return row;
    }

    private async Task<byte[]> WorkbookAsync(params IReadOnlyList<string?>[] rows)
    {
        var columns = await ColumnsAsync();
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [new SheetData(InstrumentSheet.SheetName, columns, rows)]);
        return buffer.ToArray();
    }

    private Task<ImportResult> ImportAsync(int enterpriseId, byte[] workbook, bool validRows = false) =>
        RunAsync(s => s.GetRequiredService<InstrumentLibrary>().ImportAsync(enterpriseId, new MemoryStream(workbook), validRows, "test"));

    [Fact]
    public async Task A_workbook_with_a_word_in_a_coded_column_a_bad_date_an_unknown_category_and_no_serial_imports_nothing()
    {
        var enterprise = await EnterpriseIdAsync(WaterMobile);
        var workbook = await WorkbookAsync(
            Row("压力表", "E1-0001"),
            Row("压力表", "E1-0002", (7, "医疗")),
            Row("压力表", "E1-0003", (16, "2024-13-45")),
            Row("压力表", "E1-0004", (11, "X9999")),
            Row("压力表", ""),
            Row("压力表", "E1-0006"));

        var result = await ImportAsync(enterprise, workbook);

        Assert.Equal(0, result.Imported);
        Assert.Equal(6, result.Rows);
        Assert.Contains(result.Errors, e => e is { Row: 3, Column: "器具用途" }
            && e.Message == "「器具用途」只能填代码：1 安全防护、2 医疗卫生、3 环境监测、4 贸易结算，不能填文字「医疗」。");
        Assert.Contains(result.Errors, e => e is { Row: 4, Column: "出厂日期" } && e.Message.Contains("yyyy-mm-dd") && e.Message.Contains("2024-13-45"));
        Assert.Contains(result.Errors, e => e is { Row: 5, Column: "种别代码" } && e.Message.Contains("「X9999」不在强检目录中"));
        Assert.Contains(result.Errors, e => e is { Row: 6, Column: "出厂编号" } && e.Message.Contains("请填写「出厂编号」"));
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Row).Distinct().Order());
        Assert.Empty(await InstrumentsAsync(enterprise));

        var valid = await ImportAsync(enterprise, workbook, validRows: true);

        Assert.Equal(2, valid.Imported);
        Assert.Equal(["E1-0001", "E1-0006"], (await InstrumentsAsync(enterprise)).Select(i => i.SerialNumber).Order());
    }

    [Fact]
    public async Task A_row_that_repeats_an_earlier_one_is_the_duplicate_and_the_earlier_row_stays_valid()
    {
        var enterprise = await EnterpriseIdAsync(WaterMobile);
        // Full-width letters and digits look the same to a person, so they are the same instrument.
        var workbook = await WorkbookAsync(Row("流量计", "DUP-01"), Row("流量计", "DUP-02"), Row("流量计", "ＤＵＰ－０１"));

        var result = await ImportAsync(enterprise, workbook);

        Assert.Equal(0, result.Imported);
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "出厂编号"), (error.Row, error.Column));
        Assert.Contains("与第 2 行是同一台器具", error.Message);
        Assert.DoesNotContain(await InstrumentsAsync(enterprise), i => i.Name == "流量计");

        var valid = await ImportAsync(enterprise, workbook, validRows: true);

        Assert.Equal(2, valid.Imported);
        Assert.Equal(["DUP-01", "DUP-02"], (await InstrumentsAsync(enterprise)).Where(i => i.Name == "流量计").Select(i => i.SerialNumber).Order());
    }

    [Fact]
    public async Task A_row_for_an_instrument_already_in_the_library_is_refused_naming_it()
    {
        var enterprise = await EnterpriseIdAsync(WaterMobile);
        Assert.Equal(1, (await ImportAsync(enterprise, await WorkbookAsync(Row("水表", "LIB-01", (3, "自-1"))))).Imported);

        var result = await ImportAsync(enterprise, await WorkbookAsync(Row("水表", "LIB-02"), Row("水表", "lib-01", (3, "自-1"))));

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "出厂编号"), (error.Row, error.Column));
        Assert.Contains("与已有器具「水表」（型号规格 XB-1，出厂编号 LIB-01，自编号 自-1）相同", error.Message);
        Assert.Single(await InstrumentsAsync(enterprise), i => i.Name == "水表");
    }

    [Fact]
    public async Task The_example_row_of_the_template_is_skipped()
    {
        var enterprise = await EnterpriseIdAsync(HospitalMobile);
        var result = await ImportAsync(enterprise, await WorkbookAsync(Row(InstrumentSheet.ExampleMarker + "电子计价秤", "EX-1"), Row("血压计", "BP-1")));
        Assert.Equal((1, 1), (result.Imported, result.Rows));
        Assert.Equal(["血压计"], (await InstrumentsAsync(enterprise)).Where(i => i.SerialNumber.StartsWith("EX-") || i.SerialNumber == "BP-1").Select(i => i.Name));
    }

    [Fact]
    public async Task A_word_in_the_region_or_category_column_is_refused_pointing_to_the_codes_sheet()
    {
        var enterprise = await EnterpriseIdAsync(HospitalMobile);
        var result = await ImportAsync(enterprise, await WorkbookAsync(
            Row("心电图机", "W-1", (10, "端州区")), Row("心电图机", "W-2", (11, "血压计")), Row("心电图机", "W-3", (10, "4412")), Row("心电图机", "W-4", (10, "449999")), Row("心电图机", "W-5", (5, "3"))));

        Assert.Contains(result.Errors, e => e is { Row: 2, Column: "所属地代码" } && e.Message == "「所属地代码」只能填代码（见「代码说明」表），不能填文字「端州区」。");
        Assert.Contains(result.Errors, e => e is { Row: 3, Column: "种别代码" } && e.Message.Contains("不能填文字「血压计」"));
        Assert.Contains(result.Errors, e => e is { Row: 4, Column: "所属地代码" } && e.Message.Contains("6 位数字"));
        Assert.Contains(result.Errors, e => e is { Row: 5, Column: "所属地代码" } && e.Message.Contains("「449999」不存在"));
        Assert.Contains(result.Errors, e => e is { Row: 6, Column: "生产地" } && e.Message == "「生产地」只能填代码：1 国产、2 进口，「3」不是其中之一。");
        Assert.Equal(5, result.Errors.Count);
    }
}
