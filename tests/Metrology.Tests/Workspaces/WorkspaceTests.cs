using System.Net;
using AngleSharp.Dom;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Workspaces;

/// <summary>Where each kind of account lands after login, and what its workspace counts.</summary>
public sealed class WorkspaceTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync()
    {
        _tenant = await site.CreateTenantAsync("Work", "chongqing");
        await StaffAndPendingAsync(_tenant, pending: 1);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_enterprise_with_instruments_at_the_institute_sees_them_and_this_years_certificates_waiting_for_fees()
    {
        // Recipe: 13900000003's five instruments received with a repair fee of 80 元; two approved, so two certificates withheld.
        using var browser = site.Browser();
        await LoginAsync(browser, "13900000003", SiteFactory.AdminPassword);
        var page = await browser.GetDocumentAsync(Prefix + "/my");
        Assert.Equal((5, 2), (CountOf(page, "在检器具"), CountOf(page, "本年证书")));
        Assert.Contains("2 份证书待缴清费用后发放", page.QuerySelector("#workspace-todos")!.TextContent);
    }

    [Fact]
    public async Task An_enterprise_lands_on_its_workspace_whose_counts_match_its_library()
    {
        using var browser = site.Browser();
        var login = await LoginAsync(browser, "13900000001", SiteFactory.AdminPassword);
        Assert.Equal(Prefix + "/my", TestBrowser.Location(login));

        var page = await browser.GetDocumentAsync(Prefix + "/my");
        Assert.Equal("重庆示例燃气有限公司", page.QuerySelector("#enterprise-name")!.TextContent);
        Assert.Equal("正常", page.QuerySelector("#review-state")!.TextContent);
        var rows = await InstrumentsOfAsync("13900000001");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai"));
        Assert.Equal(rows.Count(r => r.Active), CountOf(page, "我的器具"));
        Assert.Equal(rows.Count(r => r.Active && r.FilingStatus == FilingStatus.NotFiled), CountOf(page, "未备案"));
        Assert.Equal(rows.Count(r => r.Active && r.ValidUntil >= today && r.ValidUntil <= today.AddDays(30)), CountOf(page, "30 天内到期"));
        Assert.Equal((5, 1, 1), (CountOf(page, "我的器具"), CountOf(page, "未备案"), CountOf(page, "30 天内到期")));
        Assert.Contains("1 台器具未备案", page.QuerySelector("#workspace-todos")!.TextContent);
        // The demo self-delivery puts the enterprise past the booking step.
        Assert.Equal("送检/现场检定", page.QuerySelector(".workspace-step-current")!.TextContent[1..]);

        // Every count leads to a list that answers.
        foreach (var link in page.QuerySelectorAll("#workspace-counts a").Select(a => a.GetAttribute("href")!))
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        var notFiled = await browser.GetDocumentAsync(page.QuerySelector("a[data-label='未备案']")!.GetAttribute("href")!);
        Assert.Contains("CQG2024-1003", notFiled.QuerySelector("#instruments")!.TextContent);
        Assert.DoesNotContain("CQG2024-1001", notFiled.QuerySelector("#instruments")!.TextContent);
    }

    [Fact]
    public async Task The_portal_offers_an_enterprise_its_workspace_and_staff_no_enterprise_links()
    {
        using var enterprise = site.Browser();
        await LoginAsync(enterprise, "13900000002", SiteFactory.AdminPassword);
        var nav = (await enterprise.GetDocumentAsync(Prefix + "/")).QuerySelector("#portal-nav")!;
        Assert.NotNull(nav.QuerySelector($"a[href='{Prefix}/my']"));
        Assert.NotNull(nav.QuerySelector($"a[href='{Prefix}/my/instruments']"));

        using var admin = site.Browser();
        await LoginAsync(admin, "admin", SiteFactory.AdminPassword);
        nav = (await admin.GetDocumentAsync(Prefix + "/")).QuerySelector("#portal-nav")!;
        Assert.Null(nav.QuerySelector($"a[href^='{Prefix}/my']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(Prefix + "/my")).StatusCode);
    }

    [Fact]
    public async Task Staff_land_on_their_workspace_and_see_the_registrations_waiting_in_their_tenant_only()
    {
        var other = await site.CreateTenantAsync("WorkOther", "chongqing");
        await StaffAndPendingAsync(other, pending: 3);

        using var browser = site.Browser();
        var login = await LoginAsync(browser, "reviewer", "Reviewer2026");
        Assert.Equal(Prefix + "/admin", TestBrowser.Location(login));
        var page = await browser.GetDocumentAsync(Prefix + "/admin");
        Assert.Equal(1, CountOf(page, "企业注册待审核"));
        Assert.Equal(0, CountOf(page, "资料变更待审核"));
        Assert.Contains("1 家企业的注册申请待审核", page.QuerySelector("#workspace-todos")!.TextContent);
        var list = await browser.GetDocumentAsync(page.QuerySelector("a[data-label='企业注册待审核']")!.GetAttribute("href")!);
        Assert.Single(list.QuerySelectorAll("#enterprises tbody a[href*='/admin/enterprises/']"));

        using var inOther = site.Browser();
        await LoginAsync(inOther, "reviewer", "Reviewer2026", "/" + other.RequestUrlPrefix);
        Assert.Equal(3, CountOf(await inOther.GetDocumentAsync($"/{other.RequestUrlPrefix}/admin"), "企业注册待审核"));
    }

    [Fact]
    public async Task The_module_list_is_a_system_page_for_administrators()
    {
        using var admin = site.Browser();
        await LoginAsync(admin, "admin", SiteFactory.AdminPassword);
        var system = await admin.GetDocumentAsync(Prefix + "/admin/system");
        Assert.Contains("企业用户", system.QuerySelector("#features")!.TextContent);
        Assert.DoesNotContain("Metrology.", system.Body!.TextContent);

        using var reviewer = site.Browser();
        await LoginAsync(reviewer, "reviewer", "Reviewer2026");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Prefix + "/admin/system")).StatusCode);
    }

    private static int CountOf(IDocument page, string label) =>
        int.Parse(page.QuerySelector($"a[data-label='{label}'] .count-value")?.TextContent ?? throw new InvalidOperationException($"no count 「{label}」"));

    private async Task<HttpResponseMessage> LoginAsync(TestBrowser browser, string user, string password, string? prefix = null)
    {
        var response = await browser.SubmitAsync((prefix ?? Prefix) + "/login", new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private async Task<List<InstrumentIndex>> InstrumentsOfAsync(string mobile)
    {
        List<InstrumentIndex> rows = [];
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            var id = await db.Set<Enterprise>().Where(e => e.ContactMobile == mobile).Select(e => e.Id).SingleAsync();
            rows = await db.Set<InstrumentIndex>().AsNoTracking().Where(i => i.EnterpriseId == id).ToListAsync();
        });
        return rows;
    }

    /// <summary>A reviewer (role 受理审核) and registrations waiting for review.</summary>
    private async Task StaffAndPendingAsync(TenantSettings tenant, int pending) =>
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            var reviewer = new User { UserName = "reviewer", DisplayName = "审核员", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(reviewer, "Reviewer2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(reviewer, "受理审核")).Succeeded);
            var db = s.GetRequiredService<TenantDbContext>();
            for (var i = 0; i < pending; i++)
                db.Add(new Enterprise { Name = $"待审核企业{i}", CreditCode = $"PENDING{i}", ContactName = "联系人", ContactMobile = $"1370000000{i}", Status = EnterpriseStatus.Pending, CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
}
