using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>The enterprise's library in the running site: the duplicate rule, status changes, filters, and isolation.</summary>
public sealed class InstrumentLibraryTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;
    private const string Water = "13800000001", Hospital = "13800000002";

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Instr");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> SignInAsync(string mobile)
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, mobile, SiteFactory.AdminPassword);
        return browser;
    }

    private static Dictionary<string, string> Meter(string serial, string? own = null, string name = "水表") => new()
    {
        ["Input.Name"] = name, ["Input.ModelSpec"] = "LXS-20E", ["Input.SerialNumber"] = serial, ["Input.OwnNumber"] = own ?? "",
        ["Input.Origin"] = "1", ["Input.State"] = "2", ["Input.Usage"] = "4", ["Input.Kind"] = "3", ["Input.Method"] = "1",
        ["Input.RegionCode"] = "441202", ["Input.CatalogCode"] = "S0301", ["Input.Department"] = "供水部",
    };

    private async Task<HttpResponseMessage> AddAsync(TestBrowser browser, Dictionary<string, string> fields) =>
        await browser.SubmitAsync(Prefix + "/my/instruments/edit", fields, "main form[method=post]");

    private async Task<string> IdOfAsync(string serial) =>
        await InTenantAsync(async s => (await s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<InstrumentIndex>()
            .SingleAsync(i => i.SerialNumber == serial)).ContentItemId);

    private async Task<T> InTenantAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => result = await work(s));
        return result;
    }

    private static async Task<string> ErrorAtAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await TestBrowser.ParseAsync(response)).QuerySelector($"[data-valmsg-for='{field}']")!.TextContent;
    }

    [Fact]
    public async Task A_second_instrument_with_the_same_four_identifiers_is_refused_typed_or_copied_naming_the_first()
    {
        using var water = await SignInAsync(Water);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(water, Meter("W-1001", "A1"))).StatusCode);

        // Typed again, with full-width characters and spaces that look the same to a person.
        var typed = await AddAsync(water, Meter(" Ｗ-1001 ", "a1"));
        Assert.Contains("与已有器具「水表」（型号规格 LXS-20E，出厂编号 W-1001，自编号 A1）相同", await ErrorAtAsync(typed, "Input.SerialNumber"));

        // Copied: the copy form starts without the serial and own numbers; keeping the same ones is refused too.
        var id = await IdOfAsync("W-1001");
        var copyForm = await water.GetDocumentAsync($"{Prefix}/my/instruments/edit?copy={id}");
        Assert.Equal("", copyForm.QuerySelector<IHtmlInputElement>("#Input_SerialNumber")!.Value);
        Assert.Equal("LXS-20E", copyForm.QuerySelector<IHtmlInputElement>("#Input_ModelSpec")!.Value);
        var copied = await water.PostFormAsync(copyForm.QuerySelector<IHtmlFormElement>("main form[method=post]")!,
            new Dictionary<string, string> { ["Input.SerialNumber"] = "W-1001", ["Input.OwnNumber"] = "A1" });
        Assert.Contains("相同，不能重复保存", await ErrorAtAsync(copied, "Input.SerialNumber"));
        var distinct = await water.PostFormAsync(copyForm.QuerySelector<IHtmlFormElement>("main form[method=post]")!,
            new Dictionary<string, string> { ["Input.SerialNumber"] = "W-1002", ["Input.OwnNumber"] = "A2" });
        Assert.Equal(HttpStatusCode.Redirect, distinct.StatusCode);

        // Another enterprise may hold an instrument with the same identifiers.
        using var hospital = await SignInAsync(Hospital);
        var other = Meter("W-1001", "A1");
        other["Input.Department"] = "设备科";
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(hospital, other)).StatusCode);
    }

    [Theory]
    [InlineData("Input.SerialNumber", "", "请填写「出厂编号」")]
    [InlineData("Input.CatalogCode", "X9999", "不在强检目录中")]
    [InlineData("Input.RegionCode", "999999", "所属地代码「999999」不存在")]
    [InlineData("Input.RegionCode", "44120", "应为 6 位数字")]
    [InlineData("Input.Usage", "9", "只能填代码：1 安全防护、2 医疗卫生、3 环境监测、4 贸易结算")]
    [InlineData("Input.ValidUntil", "2020-01-01", "不能早于最近检定日期")]
    [InlineData("Input.Department", "一二三四五六七八九", "最多 8 个字")]
    public async Task Bad_input_is_refused_at_its_field(string field, string value, string message)
    {
        using var water = await SignInAsync(Water);
        var fields = Meter("BAD-" + Guid.NewGuid().ToString("N")[..6]);
        fields["Input.LastVerificationDate"] = "2025-06-01";
        fields.Remove("Input.Department");
        fields[field] = value;
        var response = await water.SubmitAsync(Prefix + "/my/instruments/edit", fields, "main form[method=post]");
        Assert.Contains(message, await ErrorAtAsync(response, field));
    }

    [Fact]
    public async Task Re_activating_a_deactivated_filed_instrument_leaves_it_not_filed_and_not_mandatory_and_it_cannot_be_deleted()
    {
        using var water = await SignInAsync(Water);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(water, Meter("F-2001"))).StatusCode);
        var id = await IdOfAsync("F-2001");
        // The filing process (a later module) marks it filed with an institution.
        Assert.True(await InTenantAsync(s => s.GetRequiredService<InstrumentLibrary>().UpdateAsync(id,
            p => p with { FilingStatus = FilingStatus.Filed, Mandatory = true, EverFiled = true, FilingInstitutionId = 1 }, "业务室")));

        var edit = await water.GetDocumentAsync($"{Prefix}/my/instruments/edit/{id}");
        Assert.True(edit.QuerySelector<IHtmlInputElement>("#Input_CatalogCode")!.IsReadOnly);
        Assert.True(edit.QuerySelector<IHtmlSelectElement>("#Input_Usage")!.IsDisabled);
        var changed = await water.PostFormAsync(edit.QuerySelector<IHtmlFormElement>("main form[method=post]")!,
            new Dictionary<string, string> { ["Input.CatalogCode"] = "S0401", ["Input.Usage"] = "1", ["Input.Location"] = "一号泵房" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var kept = await InTenantAsync(s => s.GetRequiredService<InstrumentLibrary>().GetAsync(EnterpriseOf(s, Water), id));
        Assert.Equal(("S0301", 4, "一号泵房"), (kept!.Value.Part.CatalogCode, kept.Value.Part.Usage, kept.Value.Part.Location));

        var deleted = await PostAsync(water, "/my/instruments?serial=F-2001", "Delete", id);
        Assert.Contains("不能删除", await FlashAsync(water, deleted));
        await PostAsync(water, "/my/instruments", "Deactivate", id);
        Assert.Equal("没有符合条件的器具。", (await water.GetDocumentAsync($"{Prefix}/my/instruments?serial=F-2001")).QuerySelector("#instruments tbody")!.TextContent.Trim());
        Assert.Contains("F-2001", (await water.GetDocumentAsync($"{Prefix}/my/instruments/deactivated")).QuerySelector("#instruments")!.TextContent);

        await PostAsync(water, "/my/instruments/deactivated", "Reactivate", id);
        var back = await InTenantAsync(s => s.GetRequiredService<InstrumentLibrary>().GetAsync(EnterpriseOf(s, Water), id));
        Assert.Equal((true, FilingStatus.NotFiled, false, (int?)null), (back!.Value.Part.Active, back.Value.Part.FilingStatus, back.Value.Part.Mandatory, back.Value.Part.FilingInstitutionId));
        Assert.False(back.Value.Part.Deletable); // it has history
    }

    private static int EnterpriseOf(IServiceProvider s, string mobile) =>
        s.GetRequiredService<Metrology.Core.Data.TenantDbContext>().Set<Enterprise>().Single(e => e.ContactMobile == mobile).Id;

    private static async Task<string> FlashAsync(TestBrowser browser, HttpResponseMessage redirect) =>
        (await browser.GetDocumentAsync(TestBrowser.Location(redirect))).QuerySelector(".alert")?.TextContent ?? "";

    [Fact]
    public async Task One_enterprise_cannot_list_open_or_change_another_enterprises_instruments()
    {
        using var water = await SignInAsync(Water);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(water, Meter("ISO-1"))).StatusCode);
        var id = await IdOfAsync("ISO-1");

        using var hospital = await SignInAsync(Hospital);
        Assert.DoesNotContain("ISO-1", (await hospital.GetDocumentAsync($"{Prefix}/my/instruments")).QuerySelector("#instruments")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"{Prefix}/my/instruments/edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"{Prefix}/my/instruments/edit?copy={id}")).StatusCode);
        var form = (await hospital.GetDocumentAsync($"{Prefix}/my/instruments/edit")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        form.Action = $"{Prefix}/my/instruments/edit/{id}";
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.PostFormAsync(form, Meter("ISO-1-FORGED"))).StatusCode);
        await PostAsync(hospital, "/my/instruments", "Deactivate", id);
        await PostAsync(hospital, "/my/instruments", "Delete", id);
        var still = await InTenantAsync(s => s.GetRequiredService<InstrumentLibrary>().GetAsync(EnterpriseOf(s, Water), id));
        Assert.Equal(("ISO-1", true), (still!.Value.Part.SerialNumber, still.Value.Part.Active));

        // Staff and visitors without an enterprise account do not get the enterprise's pages.
        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync($"{Prefix}/my/instruments")).StatusCode);
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"{Prefix}/my/instruments")).StatusCode);
    }

    [Fact]
    public async Task Filters_and_sort_keep_their_values_across_pages_and_never_filed_instruments_can_be_deleted_or_cleaned_up()
    {
        using var hospital = await SignInAsync(Hospital);
        for (var i = 1; i <= 23; i++)
        {
            var f = Meter($"BP-{i:00}", name: "血压计");
            (f["Input.Department"], f["Input.Usage"], f["Input.CatalogCode"]) = ("检验科", "2", "S0301");
            Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(hospital, f)).StatusCode);
        }
        var other = Meter("XR-1", name: "X射线机");
        other["Input.Department"] = "放射科";
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(hospital, other)).StatusCode);

        var first = await hospital.GetDocumentAsync($"{Prefix}/my/instruments?department=检验科&sort=-serial");
        Assert.Equal(20, first.QuerySelectorAll("#instruments tbody tr").Length);
        Assert.Equal("BP-23", first.QuerySelector("#instruments tbody tr td:nth-child(4)")!.TextContent.Trim());
        var next = first.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!;
        var second = await hospital.GetDocumentAsync(next.PathName + next.Search);
        var rows = second.QuerySelectorAll("#instruments tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["BP-03", "BP-02", "BP-01"], rows);
        Assert.Equal("检验科", second.QuerySelector<IHtmlSelectElement>("#department")!.Value);

        var deleted = await PostAsync(hospital, "/my/instruments", "Delete", await IdOfAsync("BP-01"));
        Assert.Contains("已删除 1 台", await FlashAsync(hospital, deleted));
        var cleaned = await PostAsync(hospital, "/my/instruments", "CleanUp");
        Assert.Contains("删除 23 台非强检器具", await FlashAsync(hospital, cleaned));
        // What stays is the demo's filed (mandatory) instruments of the hospital, which are due or overdue (reminders).
        var left = (await hospital.GetDocumentAsync($"{Prefix}/my/instruments")).QuerySelector("#instruments")!.TextContent;
        Assert.DoesNotContain("BP-", left);
        Assert.DoesNotContain("XR-1", left);
        Assert.Contains("ZQM2021-1102", left);
    }

    [Fact]
    public async Task Staff_see_the_instruments_filed_with_their_institution_by_due_date_and_no_others()
    {
        using var water = await SignInAsync(Water);
        foreach (var serial in new[] { "DUE-1", "DUE-2", "ELSE-1" })
            Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(water, Meter(serial))).StatusCode);
        var (mine, theirs) = await InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<Metrology.Core.Data.TenantDbContext>();
            var ids = await db.Set<Metrology.ReferenceData.Models.Institution>().OrderBy(i => i.Id).Select(i => i.Id).Take(2).ToListAsync();
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Metrology.Core.Security.User>>();
            var clerk = new Metrology.Core.Security.User { UserName = "clerk", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(clerk, "Clerk2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(clerk, "业务室")).Succeeded);
            db.Add(new Metrology.ReferenceData.Models.StaffAssignment { UserId = clerk.Id, InstitutionId = ids[0] });
            await db.SaveChangesAsync();
            return (ids[0], ids.Count > 1 ? ids[1] : ids[0] + 1000);
        });
        var today = DateOnly.FromDateTime(DateTime.Now);
        await InTenantAsync(async s =>
        {
            var library = s.GetRequiredService<InstrumentLibrary>();
            foreach (var (serial, institution, days) in new[] { ("DUE-1", mine, 20), ("DUE-2", mine, 200), ("ELSE-1", theirs, 10) })
                Assert.True(await library.UpdateAsync(await IdOfAsync(serial), p => p with
                {
                    FilingStatus = FilingStatus.Filed, Mandatory = true, FilingInstitutionId = institution, LastVerificationDate = today.AddYears(-1), ValidUntil = today.AddDays(days),
                }, "test"));
            return 0;
        });

        using var clerk = site.Browser();
        await clerk.LoginAsync(Prefix, "clerk", "Clerk2026pw");
        var all = (await clerk.GetDocumentAsync($"{Prefix}/admin/instruments")).QuerySelector("#instruments")!.TextContent;
        Assert.Contains("DUE-1", all);
        Assert.Contains("DUE-2", all);
        Assert.DoesNotContain("ELSE-1", all);
        var due = (await clerk.GetDocumentAsync($"{Prefix}/admin/instruments?dueDays=30&enterprise=水务")).QuerySelector("#instruments")!.TextContent;
        Assert.Contains("DUE-1", due);
        Assert.DoesNotContain("DUE-2", due);
        Assert.Equal(HttpStatusCode.Forbidden, (await water.GetAsync($"{Prefix}/admin/instruments")).StatusCode);
    }

    /// <summary>Posts the list's bulk form with the selection, as its button for that handler does (the button's formaction, the list's filters in it).</summary>
    private async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string url, string handler, params string[] selected)
    {
        var form = (await browser.GetDocumentAsync(Prefix + url)).QuerySelector<IHtmlFormElement>("#instruments-form")!;
        var query = url.Contains('?') ? "&" + url.Split('?')[1] : "";
        var action = form.QuerySelectorAll("button[formaction]").Select(b => b.GetAttribute("formaction")).Single(a => a!.Contains("handler=" + handler, StringComparison.Ordinal));
        Assert.Equal(Prefix + url.Split('?')[0] + "?handler=" + handler + query, action);
        form.Action = action!;
        var response = await browser.PostFormAsync(form, new Dictionary<string, string> { ["Selected"] = string.Join('|', selected) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}
