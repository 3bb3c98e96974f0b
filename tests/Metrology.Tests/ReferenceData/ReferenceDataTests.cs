using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Metrology.Excel;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.ReferenceData.Import;
using Metrology.ReferenceData.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.ReferenceData;

public sealed class ReferenceDataTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Ref");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> AdminAsync()
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        return browser;
    }

    private static byte[] Workbook(IReadOnlyList<SheetColumn> columns, params IReadOnlyList<string?>[] rows)
    {
        using var buffer = new MemoryStream();
        XlsxWriter.Write(buffer, [new SheetData("导入", columns, rows)]);
        return buffer.ToArray();
    }

    private static Task<HttpResponseMessage> ImportAsync(TestBrowser admin, string page, byte[] workbook, bool validRows = false) =>
        admin.SubmitAsync(page, validRows ? new Dictionary<string, string> { ["ImportValidRows"] = "true" } : new Dictionary<string, string>(),
            "form[enctype='multipart/form-data']", new Dictionary<string, (string, byte[])> { ["Workbook"] = ("导入.xlsx", workbook) });

    private Task<T> InTenantAsync<T>(Func<Metrology.Core.Data.TenantDbContext, Task<T>> read) =>
        RunAsync(s => read(s.GetRequiredService<Metrology.Core.Data.TenantDbContext>()));

    private async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => result = await work(s));
        return result;
    }

    private static IReadOnlyList<(string Row, string Column, string Message)> ErrorsOf(IDocument page) =>
        page.QuerySelectorAll("#import-errors tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(c => (c[0], c[1], c[2])).ToList();

    [Fact]
    public async Task A_catalog_workbook_with_errors_imports_nothing_and_lists_each_error_by_row_and_column()
    {
        using var admin = await AdminAsync();
        var before = await InTenantAsync(db => db.Set<CatalogItem>().CountAsync());
        var workbook = Workbook(CatalogSheet.Columns,
            ["T0001", "测试加油机", "燃油加油机", null, "V", "1", "6", "4", null, null, null, "是"],
            ["T0002", "测试水表", "水表", null, "X", "3", null, "4", null, null, null, "是"],
            ["T0003", "测试电能表", "电能表", null, "P+V", "3", null, "贸易结算", null, null, null, "是"],
            ["T0001", "重复代码", "燃油加油机", null, "V", "1", "6", "4", null, null, null, "否"]);

        var response = await ImportAsync(admin, Prefix + "/admin/catalog", workbook);

        var page = await TestBrowser.ParseAsync(response);
        var errors = ErrorsOf(page);
        Assert.Contains(errors, e => e.Row == "3" && e.Column == "管理方式" && e.Message.Contains("只能填 P、V 或 P+V"));
        Assert.Contains(errors, e => e.Row == "4" && e.Column == "适用用途" && e.Message.Contains("不能填「贸易结算」"));
        Assert.Contains(errors, e => e.Row == "5" && e.Column == "种别代码" && e.Message.Contains("与第 2 行重复"));
        Assert.Contains("未导入任何数据", page.QuerySelector("#import-report")!.TextContent);
        Assert.Equal(before, await InTenantAsync(db => db.Set<CatalogItem>().CountAsync()));

        var valid = await TestBrowser.ParseAsync(await ImportAsync(admin, Prefix + "/admin/catalog", workbook, validRows: true));
        Assert.Contains("已导入 1 行", valid.QuerySelector("#import-report")!.TextContent);
        Assert.Equal(["T0001"], await InTenantAsync(db => db.Set<CatalogItem>().Where(i => i.Code.StartsWith("T")).Select(i => i.Code).ToListAsync()));
    }

    [Fact]
    public async Task An_exported_catalog_imports_back_to_the_same_content()
    {
        using var admin = await AdminAsync();
        var export = await (await admin.GetAsync(Prefix + "/admin/catalog?handler=Export")).Content.ReadAsByteArrayAsync();
        var rows = XlsxReader.ReadRows(new MemoryStream(export)).Skip(1).Select(r => string.Join("|", r.Cells)).ToList();
        Assert.Contains(rows, r => r.StartsWith("S0901|无创自动测量血压计|", StringComparison.Ordinal));
        Assert.Equal(await InTenantAsync(db => db.Set<CatalogItem>().CountAsync()), rows.Count);

        var response = await ImportAsync(admin, Prefix + "/admin/catalog", export);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains($"已导入 {rows.Count} 行", page.QuerySelector("#import-report")!.TextContent);

        var again = await (await admin.GetAsync(Prefix + "/admin/catalog?handler=Export")).Content.ReadAsByteArrayAsync();
        Assert.Equal(rows, XlsxReader.ReadRows(new MemoryStream(again)).Skip(1).Select(r => string.Join("|", r.Cells)).ToList());
    }

    [Fact]
    public async Task A_letter_in_a_number_field_gets_a_chinese_message_at_the_field()
    {
        using var admin = await AdminAsync();
        var response = await admin.SubmitAsync(Prefix + "/admin/catalog/edit", new Dictionary<string, string>
        {
            ["Input.Code"] = "T9001", ["Input.Name"] = "测试", ["Input.Group"] = "测试", ["Input.PeriodMonths"] = "十二",
        });
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains("「十二」不是有效的检定周期（月）", page.QuerySelector("[data-valmsg-for='Input.PeriodMonths']")!.TextContent);
        Assert.False(await InTenantAsync(db => db.Set<CatalogItem>().AnyAsync(i => i.Code == "T9001")));
    }

    [Fact]
    public async Task The_catalog_editor_sets_the_discipline_that_decides_which_lab_confirms_an_on_site_booking()
    {
        using var admin = await AdminAsync();
        var id = await InTenantAsync(db => db.Set<CatalogItem>().Where(i => i.Code == "S0301").Select(i => i.Id).SingleAsync());
        var form = await admin.GetDocumentAsync($"{Prefix}/admin/catalog/edit?id={id}");
        Assert.NotNull(form.QuerySelector("select[name='Input.Discipline'] option[value=Electrical]"));
        var response = await admin.SubmitAsync($"{Prefix}/admin/catalog/edit?id={id}", new Dictionary<string, string> { ["Input.Discipline"] = "Electrical" });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(response));
        Assert.Equal(Discipline.Electrical, await InTenantAsync(db => db.Set<CatalogItem>().Where(i => i.Id == id).Select(i => i.Discipline).SingleAsync()));
        Assert.Equal("Electrical", await RunAsync(s => s.GetRequiredService<Metrology.Core.Reference.IReferenceData>().DisciplineOfAsync("S0301")));
        var again = await admin.GetDocumentAsync($"{Prefix}/admin/catalog/edit?id={id}");
        Assert.Equal("Electrical", again.QuerySelector("select[name='Input.Discipline'] option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_refused_at_the_upload_field()
    {
        using var admin = await AdminAsync();
        var response = await ImportAsync(admin, Prefix + "/admin/catalog", "not really a workbook"u8.ToArray());
        Assert.Contains("文件内容与扩展名 .xlsx 不符", await TestBrowser.ErrorsOfAsync(response));
    }

    [Fact]
    public async Task The_catalog_and_region_imports_have_the_same_reader_limits_and_say_so_at_the_upload_field()
    {
        using var admin = await AdminAsync();
        foreach (var (page, columns) in new[] { ("/admin/catalog", CatalogSheet.Columns), ("/admin/regions", RegionSheet.Columns) })
        {
            var errors = await TestBrowser.ErrorsOfAsync(await ImportAsync(admin, Prefix + page, Excel.HostileWorkbooks.Rows(columns.Select(c => c.Header).ToList(), 50_001)));
            Assert.Contains("超过 50,000 行的导入上限", errors);
            var inflating = await TestBrowser.ErrorsOfAsync(await ImportAsync(admin, Prefix + page, Excel.HostileWorkbooks.InflatingWorkbookPart(9)));
            Assert.Contains("解压后超过 8 MB 的上限", inflating);
        }
    }

    [Fact]
    public async Task A_catalog_file_with_only_its_header_says_no_rows_were_found()
    {
        using var admin = await AdminAsync();
        var page = await TestBrowser.ParseAsync(await ImportAsync(admin, Prefix + "/admin/catalog", Workbook(CatalogSheet.Columns)));
        Assert.Contains("没有找到数据行", page.QuerySelector("#import-report")!.TextContent);
    }

    [Fact]
    public async Task A_region_workbook_with_a_bad_code_or_an_unknown_parent_imports_nothing()
    {
        using var admin = await AdminAsync();
        var workbook = Workbook(RegionSheet.Columns, ["44120", "短代码", "441200"], ["441299", "测试区", "999999"], ["441298", "正确区", "441200"]);
        var page = await TestBrowser.ParseAsync(await ImportAsync(admin, Prefix + "/admin/regions", workbook));
        var errors = ErrorsOf(page);
        Assert.Contains(errors, e => e.Row == "2" && e.Column == "区域代码" && e.Message.Contains("6 位数字"));
        Assert.Contains(errors, e => e.Row == "3" && e.Column == "上级代码" && e.Message.Contains("不存在"));
        Assert.False(await InTenantAsync(db => db.Set<Region>().AnyAsync(r => r.Code == "441298")));
    }

    [Fact]
    public async Task A_type_approval_only_item_cannot_be_chosen_where_only_verifiable_items_are_allowed()
    {
        using var browser = site.Browser();
        var picked = JsonDocument.Parse(await (await browser.GetAsync(Prefix + "/api/pickers/catalog?q=称重&verifiable=true")).Content.ReadAsStringAsync());
        Assert.Empty(picked.RootElement.EnumerateArray());
        var all = JsonDocument.Parse(await (await browser.GetAsync(Prefix + "/api/pickers/catalog?q=称重")).Content.ReadAsStringAsync());
        Assert.Contains(all.RootElement.EnumerateArray(), e => e.GetProperty("code").GetString() == "S0704");

        using var admin = await AdminAsync();
        var id = await InTenantAsync(db => db.Set<Institution>().Select(i => i.Id).FirstAsync());
        var response = await admin.SubmitAsync($"{Prefix}/admin/institutions/edit/{id}", new Dictionary<string, string> { ["Capabilities"] = "S0201|S0704" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("只需型式批准（P），不属于强制检定，不能选择", await TestBrowser.ErrorsOfAsync(response));
        Assert.False(await InTenantAsync(db => db.Set<InstitutionCapability>()
            .AnyAsync(c => c.InstitutionId == id && db.Set<CatalogItem>().Any(i => i.Id == c.CatalogItemId && i.Code == "S0704"))));
    }

    [Fact]
    public async Task A_staff_member_moved_to_another_institution_works_in_the_new_one_on_the_next_request()
    {
        var (own, other, userId) = await RunAsync(async s =>
        {
            var db = s.GetRequiredService<Metrology.Core.Data.TenantDbContext>();
            var mine = await db.Set<Institution>().FirstAsync();
            var theirs = new Institution { Name = "新分院" + Guid.NewGuid().ToString("N")[..4] };
            db.Add(theirs);
            var users = s.GetRequiredService<UserManager<User>>();
            var staff = new User { UserName = "moving-staff", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(staff, "Moving2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(staff, "业务室")).Succeeded);
            await db.SaveChangesAsync();
            db.Add(new StaffAssignment { UserId = staff.Id, InstitutionId = mine.Id });
            await db.SaveChangesAsync();
            return (mine.Id, theirs.Id, staff.Id);
        });
        using var staff = site.Browser();
        await staff.LoginAsync(Prefix, "moving-staff", "Moving2026pw");
        // Twice each: the institution is cached after the first page.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"{Prefix}/admin/institutions/departments/{own}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Prefix}/admin/institutions/departments/{other}")).StatusCode);
        }

        using var admin = await AdminAsync();
        var removed = await admin.SubmitAsync($"{Prefix}/admin/institutions/staff/{own}", new Dictionary<string, string>(), $"#staff form[action*='{userId}']");
        Assert.Equal(HttpStatusCode.Found, removed.StatusCode); // back to the list: removed
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Prefix}/admin/institutions/departments/{own}")).StatusCode);

        var added = await admin.SubmitAsync($"{Prefix}/admin/institutions/staff/{other}", new Dictionary<string, string> { ["UserName"] = "moving-staff" }, "main form[novalidate]");
        Assert.Equal(HttpStatusCode.Found, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"{Prefix}/admin/institutions/departments/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Prefix}/admin/institutions/departments/{own}")).StatusCode);
    }

    [Fact]
    public async Task Staff_of_one_institution_cannot_see_or_change_another_institutions_departments_or_staff()
    {
        var (own, other) = await RunAsync(async s =>
        {
            var db = s.GetRequiredService<Metrology.Core.Data.TenantDbContext>();
            var mine = await db.Set<Institution>().FirstAsync();
            var theirs = new Institution { Name = "另一分院" + Guid.NewGuid().ToString("N")[..4] };
            db.Add(theirs);
            await db.SaveChangesAsync();
            db.Add(new Department { InstitutionId = theirs.Id, Name = "秘密部门" });
            var users = s.GetRequiredService<UserManager<User>>();
            var staff = new User { UserName = "office-staff", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(staff, "Office2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(staff, "业务室")).Succeeded);
            db.Add(new StaffAssignment { UserId = staff.Id, InstitutionId = mine.Id });
            await db.SaveChangesAsync();
            return (mine.Id, theirs.Id);
        });

        using var staff = site.Browser();
        await staff.LoginAsync(Prefix, "office-staff", "Office2026pw");
        var list = await staff.GetDocumentAsync(Prefix + "/admin/institutions");
        Assert.DoesNotContain("另一分院", list.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"{Prefix}/admin/institutions/departments/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Prefix}/admin/institutions/departments/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Prefix}/admin/institutions/staff/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"{Prefix}/admin/institutions/edit/{own}")).StatusCode);

        // A forged post against the other institution changes nothing.
        var form = (await staff.GetDocumentAsync($"{Prefix}/admin/institutions/departments/{own}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[novalidate]")!;
        var token = form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var forged = await staff.Client.PostAsync($"{Prefix}/admin/institutions/departments/{other}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "被篡改", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(await InTenantAsync(db => db.Set<Department>().AnyAsync(d => d.Name == "被篡改")));

        // A form field named "id" does not point the handler at another institution.
        var ownForm = (await staff.GetDocumentAsync($"{Prefix}/admin/institutions/departments/{own}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[novalidate]")!;
        var smuggled = await staff.PostFormAsync(ownForm, new Dictionary<string, string> { ["Input.Name"] = "越权部门", ["id"] = other.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, smuggled.StatusCode);
        Assert.False(await InTenantAsync(db => db.Set<Department>().AnyAsync(d => d.InstitutionId == other && d.Name == "越权部门")));

        // In their own institution they manage departments.
        var added = await staff.SubmitAsync($"{Prefix}/admin/institutions/departments/{own}", new Dictionary<string, string>
        {
            ["Input.Name"] = "新实验室", ["Input.Duties"] = "OnSiteVerification",
        }, "main form[novalidate]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await InTenantAsync(db => db.Set<Department>().AnyAsync(d => d.InstitutionId == own && d.Name == "新实验室" && d.Duties == DepartmentDuty.OnSiteVerification)));
    }

    [Theory]
    [InlineData("S0901", "无创自动测量血压计")]
    [InlineData("血压", "无创自动测量血压计")]
    [InlineData("加油", "燃油加油机")]
    public async Task The_public_catalog_page_finds_an_item_by_code_or_part_of_its_name(string query, string expected)
    {
        using var visitor = site.Browser();
        var page = await visitor.GetDocumentAsync($"{Prefix}/catalog?q={Uri.EscapeDataString(query)}");
        Assert.Contains(expected, page.QuerySelector("#catalog-results")!.TextContent);
        Assert.Contains("强检目录查询", page.QuerySelector("nav")!.TextContent);
    }

    [Fact]
    public async Task The_recipe_seeds_the_zhaoqing_institute_with_its_departments_and_phones()
    {
        using var admin = await AdminAsync();
        var id = await InTenantAsync(db => db.Set<Institution>().Where(i => i.Name == "肇庆市质量计量监督检测所").Select(i => i.Id).FirstAsync());
        var page = await admin.GetDocumentAsync($"{Prefix}/admin/institutions/departments/{id}");
        var table = page.QuerySelector("#departments")!.TextContent;
        foreach (var expected in new[] { "业务室", "0758-6622933", "电学室", "0758-6622627", "产业计量中心" }) Assert.Contains(expected, table);
        var regions = await InTenantAsync(db => db.Set<InstitutionRegion>().CountAsync(r => r.InstitutionId == id));
        Assert.Equal(11, regions);
    }
}
