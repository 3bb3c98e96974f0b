using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Metrology.Excel;
using Metrology.Instruments.Import;
using Metrology.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>The pages: upload with progress and report, the marked workbook, the template and the export.</summary>
public sealed partial class InstrumentExcelTests
{
    private async Task<TestBrowser> EnterpriseAsync(string mobile)
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, mobile, SiteFactory.AdminPassword);
        return browser;
    }

    /// <summary>Uploads a workbook on the import page and waits for the background import; returns the report page's URL.</summary>
    private async Task<string> UploadAsync(TestBrowser browser, byte[] workbook, bool validRows = false)
    {
        var posted = await browser.SubmitAsync(Prefix + "/my/instruments/import",
            validRows ? new Dictionary<string, string> { ["ImportValidRows"] = "true" } : new Dictionary<string, string>(),
            "form[enctype='multipart/form-data']", new Dictionary<string, (string, byte[])> { ["Workbook"] = ("器具.xlsx", workbook) });
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(posted));
        var report = TestBrowser.Location(posted);
        Assert.Contains("token=", report);
        // The import runs in the background; the page's script polls this until it is done.
        for (var i = 0; i < 1200; i++)
        {
            var progress = JsonDocument.Parse(await (await browser.GetAsync(report + "&handler=Progress")).Content.ReadAsStringAsync());
            if (progress.RootElement.GetProperty("done").GetBoolean()) return report;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the import did not finish");
    }

    private static IReadOnlyList<(string Row, string Column, string Message)> ErrorsOf(IDocument page) =>
        page.QuerySelectorAll("#import-errors tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2])).ToList();

    private static List<XlsxRow> Rows(byte[] workbook, string? sheet = null) => XlsxReader.ReadRows(new MemoryStream(workbook), sheet).ToList();

    [Fact]
    public async Task The_import_page_reports_by_row_and_column_and_offers_the_workbook_with_the_errors_marked()
    {
        var enterprise = await EnterpriseIdAsync(HospitalMobile);
        using var hospital = await EnterpriseAsync(HospitalMobile);
        var workbook = await WorkbookAsync(Row("体温计", "PG-01"), Row("体温计", "PG-02", (7, "医疗")), Row("体温计", "PG-03", (18, "2026/13/01")));

        var report = await TestBrowser.ParseAsync(await hospital.GetAsync(await UploadAsync(hospital, workbook)));

        Assert.Contains("未导入任何数据", report.QuerySelector("#import-report")!.TextContent);
        var errors = ErrorsOf(report);
        Assert.Contains(errors, e => e.Row == "3" && e.Column == "器具用途" && e.Message.Contains("不能填文字「医疗」"));
        Assert.Contains(errors, e => e.Row == "4" && e.Column == "有效期至");
        Assert.DoesNotContain(await InstrumentsAsync(enterprise), i => i.Name == "体温计");

        var markedUrl = report.QuerySelector("#marked-workbook")!.GetAttribute("href")!;
        var markedResponse = await hospital.GetAsync(markedUrl);
        Assert.True(markedResponse.StatusCode == HttpStatusCode.OK, await markedResponse.Content.ReadAsStringAsync());
        var marked = await markedResponse.Content.ReadAsByteArrayAsync();
        var rows = Rows(marked);
        var errorColumn = rows[0].Cells.ToList().IndexOf(MarkedWorkbook.ErrorHeader);
        Assert.Equal(19, errorColumn);
        Assert.Null(rows[1][errorColumn]);
        Assert.StartsWith("「器具用途」只能填代码", rows[2][errorColumn]);
        Assert.Contains("「有效期至」", rows[3][errorColumn]);
        Assert.Equal("医疗", rows[2][7]);
        Assert.True(IsFilled(marked, "H3"));
        Assert.False(IsFilled(marked, "G3"));

        // Another account cannot read this import's report or file.
        using var water = await EnterpriseAsync(WaterMobile);
        Assert.Equal(HttpStatusCode.NotFound, (await water.GetAsync(markedUrl)).StatusCode);

        var valid = await TestBrowser.ParseAsync(await hospital.GetAsync(await UploadAsync(hospital, workbook, validRows: true)));
        Assert.Contains("已导入 1 行正确的数据", valid.QuerySelector("#import-report")!.TextContent);
        Assert.Equal(["PG-01"], (await InstrumentsAsync(enterprise)).Where(i => i.Name == "体温计").Select(i => i.SerialNumber));
    }

    private static bool IsFilled(byte[] workbook, string reference)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var sheet = (WorksheetPart)part.GetPartById(part.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var cell = sheet.Worksheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell?.StyleIndex?.Value is not uint style) return false;
        var format = part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)style);
        var fill = part.WorkbookStylesPart.Stylesheet.Fills!.Elements<Fill>().ElementAt((int)(format.FillId?.Value ?? 0));
        return fill.PatternFill?.PatternType?.Value == PatternValues.Solid;
    }

    [Fact]
    public async Task An_unchanged_export_imported_again_reports_every_row_as_a_duplicate_and_changes_nothing()
    {
        var enterprise = await EnterpriseIdAsync(WaterMobile);
        Assert.Equal(3, (await ImportAsync(enterprise, await WorkbookAsync(
            Row("电能表", "EX-01", (3, "A-1"), (12, null), (16, null)), Row("电能表", "EX-02", (8, "1")), Row("电能表", "EX-03", (17, null), (18, null))))).Imported);
        using var water = await EnterpriseAsync(WaterMobile);

        var export = await water.GetAsync(Prefix + "/my/instruments?handler=Export&name=电能表");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.StartsWith("器具库-", export.Content.Headers.ContentDisposition!.FileNameStar);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = Rows(bytes);
        Assert.Equal((await ColumnsAsync()).Select(c => (c.Required ? "*" : "") + c.Header), rows[0].Cells);
        Assert.Equal(["EX-01", "EX-02", "EX-03"], rows.Skip(1).Select(r => r[2]).Order());
        Assert.Contains(rows, r => r[2] == "EX-01" && r[3] == "A-1" && r[12] == null && r[17] == "2025-06-01");
        var before = await InstrumentsAsync(enterprise);

        var result = await ImportAsync(enterprise, bytes);

        Assert.Equal((0, 3), (result.Imported, result.Rows));
        Assert.Equal([2, 3, 4], result.Errors.Select(e => e.Row).Order());
        Assert.All(result.Errors, e => Assert.Contains("与已有器具", e.Message));
        var after = await InstrumentsAsync(enterprise);
        Assert.Equal(before.Select(i => (i.ContentItemId, i.SerialNumber)).Order(), after.Select(i => (i.ContentItemId, i.SerialNumber)).Order());
    }

    [Fact]
    public async Task An_enterprise_exports_only_its_own_instruments()
    {
        var water = await EnterpriseIdAsync(WaterMobile);
        var hospital = await EnterpriseIdAsync(HospitalMobile);
        await ImportAsync(water, await WorkbookAsync(Row("燃气表", "OWN-W1")));
        await ImportAsync(hospital, await WorkbookAsync(Row("燃气表", "OWN-H1")));
        using var browser = await EnterpriseAsync(HospitalMobile);

        var rows = Rows(await (await browser.GetAsync(Prefix + "/my/instruments?handler=Export")).Content.ReadAsByteArrayAsync());

        Assert.Contains(rows, r => r[2] == "OWN-H1");
        Assert.DoesNotContain(rows, r => r[2] == "OWN-W1");
        Assert.Equal((await InstrumentsAsync(hospital)).Count(i => i.Active), rows.Count - 1);
    }

    [Fact]
    public async Task The_template_has_drop_down_lists_for_the_coded_columns_a_codes_sheet_and_an_example_and_is_public()
    {
        using var anonymous = site.Browser();
        var downloads = await anonymous.GetDocumentAsync(Prefix + "/downloads");
        Assert.NotNull(downloads.QuerySelector("main a[href$='/instruments/template.xlsx']"));
        var response = await anonymous.GetAsync(Prefix + "/instruments/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var template = await response.Content.ReadAsByteArrayAsync();
        using var water = await EnterpriseAsync(WaterMobile);
        var rows = Rows(template);
        Assert.Equal(rows.Select(r => string.Join("|", r.Cells)),
            Rows(await (await water.GetAsync(Prefix + "/my/instruments/import?handler=Template")).Content.ReadAsByteArrayAsync()).Select(r => string.Join("|", r.Cells)));
        Assert.Equal("*器具名称", rows[0][0]);
        Assert.Equal("自编号", rows[0][3]);
        Assert.StartsWith(InstrumentSheet.ExampleMarker, rows[1][0]);
        var codes = Rows(template, InstrumentSheet.CodesSheetName);
        Assert.Contains(codes, r => r[0] == "器具用途" && r[1] == "2" && r[2] == "医疗卫生");
        Assert.Contains(codes, r => r[0] == "种别代码" && r[1] == "S0101");
        Assert.Contains(codes, r => r[0] == "所属地代码" && r[1] == "441202" && r[2] == "端州区");

        using var document = SpreadsheetDocument.Open(new MemoryStream(template), false);
        var part = document.WorkbookPart!;
        var sheet = (WorksheetPart)part.GetPartById(part.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var lists = sheet.Worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!.Split(':')[0], v => v.Formula1!.Text!);
        Assert.Equal("\"1,2,3,4\"", lists["H2"]);  // 器具用途
        Assert.Equal("\"1,2\"", lists["F2"]);      // 生产地
        // 种别代码 and 所属地代码: inline, or on the hidden choices sheet when the list is long.
        Assert.True(lists["L2"].Contains("S0101") || lists["L2"].Contains(XlsxWriter.ChoicesSheetName), lists["L2"]);
        Assert.True(lists["K2"].Contains("441202") || lists["K2"].Contains(XlsxWriter.ChoicesSheetName), lists["K2"]);

        // The example stays in the file and is skipped: the template imports nothing and reports nothing.
        var result = await ImportAsync(await EnterpriseIdAsync(WaterMobile), template);
        Assert.Equal((0, 0, 0), (result.Imported, result.Rows, result.Errors.Count));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_refused_at_the_upload_field()
    {
        using var water = await EnterpriseAsync(WaterMobile);
        var response = await water.SubmitAsync(Prefix + "/my/instruments/import", new Dictionary<string, string>(),
            "form[enctype='multipart/form-data']", new Dictionary<string, (string, byte[])> { ["Workbook"] = ("器具.xlsx", "not a workbook"u8.ToArray()) });
        Assert.Contains("文件内容与扩展名 .xlsx 不符", await TestBrowser.ErrorsOfAsync(response));
    }

    [Fact]
    public async Task A_file_with_a_header_and_no_data_rows_says_that_no_rows_were_found()
    {
        using var water = await EnterpriseAsync(WaterMobile);
        var template = await (await water.GetAsync(Prefix + "/my/instruments/import?handler=Template")).Content.ReadAsByteArrayAsync();
        foreach (var workbook in new[] { await WorkbookAsync(), template })
        {
            var report = (await TestBrowser.ParseAsync(await water.GetAsync(await UploadAsync(water, workbook)))).QuerySelector("#import-report")!;
            Assert.Contains("没有找到数据行", report.TextContent);
            Assert.DoesNotContain("已导入", report.TextContent);
            Assert.Contains("alert-warning", report.ClassName);
        }
    }

    [Fact]
    public async Task A_workbook_past_the_row_limit_is_refused_naming_the_limit()
    {
        using var water = await EnterpriseAsync(WaterMobile);
        var header = (await ColumnsAsync()).Select(c => c.Header).ToList();
        var report = (await TestBrowser.ParseAsync(await water.GetAsync(await UploadAsync(water, Excel.HostileWorkbooks.Rows(header, 50_001))))).QuerySelector("#import-report")!;
        Assert.Contains("超过 50,000 行的导入上限", report.TextContent);
        Assert.Contains("alert-danger", report.ClassName);
    }

    [Fact]
    public async Task An_import_that_was_running_when_the_server_stopped_is_reported_as_interrupted()
    {
        var enterprise = await EnterpriseIdAsync(HospitalMobile);
        var tenant = site.Services.GetRequiredService<Metrology.Core.Tenants.TenantRegistry>().Find(_tenant.Name)!;
        var before = ActivatorUtilities.CreateInstance<ImportJobs>(site.Services);
        var rows = Enumerable.Range(1, 3_000).Select(i => (IReadOnlyList<string?>)Row("重启表", $"RS-{i:D5}")).ToArray();
        var job = await before.StartAsync(tenant, "user-1", "test", enterprise, new MemoryStream(await WorkbookAsync(rows)), "器具.xlsx", false, CancellationToken.None);

        // A new process, later than the state's last heartbeat: its jobs are empty, and the state says the import never finished.
        var later = new Notifications.TestClock { Offset = TimeSpan.FromMinutes(1) };
        var after = ActivatorUtilities.CreateInstance<ImportJobs>(site.Services, (TimeProvider)later);
        var found = after.Find(tenant, "user-1", job.Token);

        Assert.NotNull(found);
        Assert.True(found.Done);
        Assert.Equal(ImportJobs.Interrupted, found.Failure);
        Assert.Null(after.Find(tenant, "user-2", job.Token));
        for (var i = 0; i < 1200 && !job.Done; i++) await Task.Delay(100);
    }

    [Fact]
    public async Task Another_node_shows_an_import_running_here_and_then_its_result()
    {
        var enterprise = await EnterpriseIdAsync(HospitalMobile);
        var tenant = site.Services.GetRequiredService<Metrology.Core.Tenants.TenantRegistry>().Find(_tenant.Name)!;
        var here = ActivatorUtilities.CreateInstance<ImportJobs>(site.Services);
        var rows = Enumerable.Range(1, 2_000).Select(i => (IReadOnlyList<string?>)Row("另一节点表", $"ON-{i:D5}")).ToArray();
        var job = await here.StartAsync(tenant, "user-1", "test", enterprise, new MemoryStream(await WorkbookAsync(rows)), "器具.xlsx", false, CancellationToken.None);

        // Another node (same shared folder, its own memory) finds the job while it runs, as running or done, never interrupted.
        var other = ActivatorUtilities.CreateInstance<ImportJobs>(site.Services);
        var seen = other.Find(tenant, "user-1", job.Token);
        Assert.NotNull(seen);
        Assert.NotEqual(ImportJobs.Interrupted, seen.Failure);
        for (var i = 0; i < 1200 && !job.Done; i++) await Task.Delay(100);

        var finished = ActivatorUtilities.CreateInstance<ImportJobs>(site.Services).Find(tenant, "user-1", job.Token);
        Assert.NotNull(finished);
        Assert.True(finished.Done);
        Assert.Null(finished.Failure);
        Assert.Equal(2_000, finished.Result!.Imported);
        Assert.Null(other.Running(tenant, "user-1"));
    }
}
