using System.Net;
using AngleSharp.Dom;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Metrology.Notifications.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Enterprises;

/// <summary>Registration with documents, review by the institute, and the first login, as each demo tenant is set up.</summary>
public sealed class RegistrationTests(SiteFactory site)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private static Dictionary<string, string> Form(string mobile, string code = "91441202MA51TE7T1B") => new()
    {
        ["Input.Name"] = "肇庆市测试计量用户有限公司", ["Input.CreditCode"] = code, ["Input.Kind"] = "Company",
        ["Input.ContactName"] = "赵工", ["Input.ContactMobile"] = mobile, ["Input.Departments"] = "计量室\n质检部",
        ["Input.Password"] = "Regist2026pw", ["Input.ConfirmPassword"] = "Regist2026pw",
    };

    private static Dictionary<string, (string, byte[])> Documents(bool applicationForm = false)
    {
        var files = new Dictionary<string, (string, byte[])>
        {
            ["Documents[Licence]"] = ("营业执照.pdf", Pdf), ["Documents[AuthorisationLetter]"] = ("授权委托书.png", Png),
            ["Documents[CommitmentLetter]"] = ("承诺书.pdf", Pdf),
        };
        if (applicationForm) files["Documents[ApplicationForm]"] = ("账号申请表.pdf", Pdf);
        return files;
    }

    private static Task<T> InTenantAsync<T>(SiteFactory site, TenantSettings tenant, Func<IServiceProvider, Task<T>> work) =>
        RunAsync(site, tenant, work);

    private static async Task<T> RunAsync<T>(SiteFactory site, TenantSettings tenant, Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => result = await work(s));
        return result;
    }

    private static async Task<HttpResponseMessage> ApproveAsync(SiteFactory site, TenantSettings tenant, int id)
    {
        using var admin = site.Browser();
        await admin.LoginAsync("/" + tenant.RequestUrlPrefix, "admin", SiteFactory.AdminPassword);
        return await admin.SubmitAsync($"/{tenant.RequestUrlPrefix}/admin/enterprises/{id}", new Dictionary<string, string>(), "form[action*='handler=Approve']");
    }

    [Fact]
    public async Task The_home_page_offers_registration_only_where_enterprises_are_enabled()
    {
        var tenant = await site.CreateTenantAsync("RegHome");
        using var visitor = site.Browser();
        var regional = await visitor.GetDocumentAsync($"/{tenant.RequestUrlPrefix}/");
        Assert.NotNull(regional.QuerySelector($".portal-hero a[href='/{tenant.RequestUrlPrefix}/register']"));
        var host = await visitor.GetDocumentAsync("/");
        Assert.Null(host.QuerySelector(".portal-hero a[href$='/register']"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/register")).StatusCode);
    }

    [Fact]
    public async Task Submitting_a_registration_raises_the_event_whose_recipe_workflow_tells_the_business_office()
    {
        var tenant = await site.CreateTenantAsync("RegWf");
        var prefix = "/" + tenant.RequestUrlPrefix;
        var clerk = await InTenantAsync(site, tenant, async s =>
        {
            var users = s.GetRequiredService<UserManager<Metrology.Core.Security.User>>();
            var user = new Metrology.Core.Security.User { UserName = "clerk", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Clerk2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "业务室")).Succeeded);
            return user.Id;
        });
        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitAsync(prefix + "/register", Form("13700000005"), "#register-form", Documents())).StatusCode);
        var message = await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<Metrology.Workflows.Models.WorkflowMessage>().SingleAsync(m => m.UserId == clerk));
        Assert.Equal("新的企业注册待审核：肇庆市测试计量用户有限公司", message.Subject);
        Assert.StartsWith("/admin/enterprises/", message.Url);
    }

    [Fact]
    public async Task Guangdong_a_registration_with_documents_is_approved_and_the_enterprise_signs_in_with_its_own_password()
    {
        var tenant = await site.CreateTenantAsync("RegZq");
        var prefix = "/" + tenant.RequestUrlPrefix;
        using var visitor = site.Browser();
        var submitted = await visitor.SubmitAsync(prefix + "/register", Form("13700000001"), "#register-form", Documents());
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(submitted));
        Assert.NotNull((await visitor.GetDocumentAsync(TestBrowser.Location(submitted))).QuerySelector("#registration-submitted"));

        // Not before the review.
        using var early = site.Browser();
        var refused = await early.SubmitAsync(prefix + "/login", new Dictionary<string, string> { ["Input.UserName"] = "13700000001", ["Input.Password"] = "Regist2026pw" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var id = await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().Where(e => e.ContactMobile == "13700000001").Select(e => e.Id).SingleAsync());
        using (var admin = site.Browser())
        {
            await admin.LoginAsync(prefix, "admin", SiteFactory.AdminPassword);
            var details = await admin.GetDocumentAsync($"{prefix}/admin/enterprises/{id}");
            Assert.Equal(3, details.QuerySelectorAll("#documents .admin-card").Length);
            Assert.NotNull(details.QuerySelector("#documents iframe"));
            var doc = details.QuerySelector<AngleSharp.Html.Dom.IHtmlAnchorElement>("#documents a")!;
            var file = await admin.GetAsync(doc.PathName + doc.Search);
            Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        }
        using (var anonymous = site.Browser())
            Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"{prefix}/admin/enterprises/{id}?handler=Document&document=1")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(site, tenant, id)).StatusCode);
        var sms = await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().SingleAsync(m => m.Recipient == "13700000001"));
        Assert.Contains("审核通过", sms.Body);
        Assert.Contains("13700000001", sms.Body);

        using var enterprise = site.Browser();
        await enterprise.LoginAsync(prefix, "13700000001", "Regist2026pw");
        Assert.Equal(HttpStatusCode.OK, (await enterprise.GetAsync(prefix + "/my/instruments")).StatusCode);

        // The profile: e-mail, address and departments (each at most 8 characters).
        var tooLong = await enterprise.SubmitAsync(prefix + "/my/profile", new Dictionary<string, string> { ["Departments"] = "计量室\n一二三四五六七八九" }, "#profile-form");
        Assert.Contains("超过 8 个字", (await TestBrowser.ParseAsync(tooLong)).QuerySelector("[data-valmsg-for='Departments']")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.SubmitAsync(prefix + "/my/profile", new Dictionary<string, string>
        {
            ["Email"] = "cert@example.com", ["Departments"] = "计量室\n化验室",
        }, "#profile-form")).StatusCode);
        var saved = await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().SingleAsync(e => e.Id == id));
        Assert.Equal(("cert@example.com", "计量室\n化验室"), (saved.Email, saved.Departments));

        // Another enterprise's record and documents are staff pages: an enterprise account is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"{prefix}/admin/enterprises/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"{prefix}/admin/enterprises/1?handler=Document&document=1")).StatusCode);

        // Disabled by the institute: no more access.
        using (var admin = site.Browser())
        {
            await admin.LoginAsync(prefix, "admin", SiteFactory.AdminPassword);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync($"{prefix}/admin/enterprises/{id}", new Dictionary<string, string>(), "form[action*='handler=Disable']")).StatusCode);
        }
        Assert.NotEqual(HttpStatusCode.OK, (await enterprise.GetAsync(prefix + "/my/instruments")).StatusCode);
    }

    [Fact]
    public async Task Chongqing_the_approval_SMS_carries_a_five_digit_initial_password_that_must_be_changed_at_first_login()
    {
        var tenant = await site.CreateTenantAsync("RegCq", "chongqing");
        var prefix = "/" + tenant.RequestUrlPrefix;
        using var visitor = site.Browser();
        var form = Form("13700000002", "91500105MA60TE7T22");
        form.Remove("Input.Password");
        form.Remove("Input.ConfirmPassword");
        var submitted = await visitor.SubmitAsync(prefix + "/register", form, "#register-form", Documents(applicationForm: true));
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(submitted));
        var id = await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().Where(e => e.ContactMobile == "13700000002").Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(site, tenant, id)).StatusCode);

        var body = await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().Where(m => m.Recipient == "13700000002").Select(m => m.Body).SingleAsync());
        var password = System.Text.RegularExpressions.Regex.Match(body, @"初始登录密码为 (\d{5})").Groups[1].Value;
        Assert.Equal(5, password.Length);

        using var enterprise = site.Browser();
        var login = await enterprise.SubmitAsync(prefix + "/login", new Dictionary<string, string> { ["Input.UserName"] = "13700000002", ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("/account/password", TestBrowser.Location(login), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/account/password", TestBrowser.Location(await enterprise.GetAsync(prefix + "/my/instruments")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Input.CreditCode", "91441200MA4UK3LX0A", null, "校验位不正确")]
    [InlineData("Input.CreditCode", "91441200MA4UK3LX0F", null, "该统一社会信用代码已注册")]
    [InlineData("Input.Departments", "一二三四五六七八九", null, "超过 8 个字")]
    [InlineData("Input.ContactMobile", "13800000001", null, "该手机号已注册")]
    [InlineData("Documents[Licence]", "", "exe", "文件内容与扩展名 .pdf 不符")]
    [InlineData("Documents[Licence]", "", "big", "不能超过")]
    [InlineData("Documents[Licence]", "", "just-over", "5 MB（5,242,880 字节），当前 5,242,881 字节")]
    [InlineData("Input.CreditCode", "000000000000000000", null, "第 1 位「0」不是登记管理部门代码")]
    [InlineData("Documents[CommitmentLetter]", "", "missing", "请上传诚信计量自我承诺书")]
    public async Task Each_bad_input_is_refused_at_its_field_and_nothing_is_saved(string field, string value, string? file, string message)
    {
        var tenant = await site.CreateTenantAsync("RegBad");
        var prefix = "/" + tenant.RequestUrlPrefix;
        var form = Form("13700000003");
        if (!field.StartsWith("Documents", StringComparison.Ordinal)) form[field] = value;
        var documents = Documents();
        if (file == "exe") documents[field] = ("营业执照.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
        if (file == "big") documents[field] = ("营业执照.pdf", [.. Pdf, .. new byte[6 * 1024 * 1024]]);
        if (file == "just-over") documents[field] = ("营业执照.pdf", [.. Pdf, .. new byte[5 * 1024 * 1024 + 1 - Pdf.Length]]);
        if (file == "missing") documents.Remove(field);
        using var visitor = site.Browser();
        var response = await visitor.SubmitAsync(prefix + "/register", form, "#register-form", documents);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        Assert.Equal("赵工", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_ContactName")!.Value); // what was typed stays
        var (enterprises, users) = await InTenantAsync(site, tenant, async s => (
            await s.GetRequiredService<TenantDbContext>().Set<Enterprise>().CountAsync(e => e.ContactMobile == "13700000003"),
            await s.GetRequiredService<UserManager<Metrology.Core.Security.User>>().FindByNameAsync("13700000003")));
        Assert.Equal(0, enterprises);
        Assert.Null(users);
    }

    [Fact]
    public async Task A_staff_user_without_the_permission_cannot_approve()
    {
        var tenant = await site.CreateTenantAsync("RegPerm");
        var prefix = "/" + tenant.RequestUrlPrefix;
        using var visitor = site.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitAsync(prefix + "/register", Form("13700000004"), "#register-form", Documents())).StatusCode);
        var id = await InTenantAsync(site, tenant, async s =>
        {
            var users = s.GetRequiredService<UserManager<Metrology.Core.Security.User>>();
            var roles = s.GetRequiredService<RoleManager<Metrology.Core.Security.Role>>();
            var role = new Metrology.Core.Security.Role("查询员");
            Assert.True((await roles.CreateAsync(role)).Succeeded);
            foreach (var p in new[] { "AccessAdminPanel", "ViewEnterprises" }) // sees enterprises, may not review them
                await roles.AddClaimAsync(role, new System.Security.Claims.Claim(Metrology.Core.Security.Permission.ClaimType, p));
            var viewer = new Metrology.Core.Security.User { UserName = "viewer", CreatedUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(viewer, "Viewer2026pw")).Succeeded);
            Assert.True((await users.AddToRoleAsync(viewer, "查询员")).Succeeded);
            return await s.GetRequiredService<TenantDbContext>().Set<Enterprise>().Where(e => e.ContactMobile == "13700000004").Select(e => e.Id).SingleAsync();
        });
        using var staff = site.Browser();
        await staff.LoginAsync(prefix, "viewer", "Viewer2026pw");
        var details = await staff.GetDocumentAsync($"{prefix}/admin/enterprises/{id}");
        Assert.Null(details.QuerySelector("#review"));
        var token = details.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? (await staff.GetDocumentAsync($"{prefix}/admin")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var forced = await staff.Client.PostAsync($"{prefix}/admin/enterprises/{id}?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.Equal(EnterpriseStatus.Pending, await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_credit_code_typed_in_full_width_characters_is_taken_as_half_width()
    {
        var tenant = await site.CreateTenantAsync("RegWide");
        var prefix = "/" + tenant.RequestUrlPrefix;
        var wide = new string("91441202MA51TE7T1B".Select(c => (char)(c + 0xFEE0)).ToArray());
        using var visitor = site.Browser();
        var submitted = await visitor.SubmitAsync(prefix + "/register", Form("13700000006", wide), "#register-form", Documents());
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(submitted));
        var stored = await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().Where(e => e.ContactMobile == "13700000006").Select(e => e.CreditCode).SingleAsync());
        Assert.Equal("91441202MA51TE7T1B", stored);
    }

    [Fact]
    public async Task Registration_attempts_are_limited_per_mobile_and_per_client()
    {
        var tenant = await site.CreateTenantAsync("RegRate");
        var prefix = "/" + tenant.RequestUrlPrefix;
        using var visitor = site.Browser();
        // A prober trying credit codes for one mobile: the sixth attempt within the hour is refused, whatever it holds.
        for (var i = 1; i <= 5; i++)
            Assert.DoesNotContain("过于频繁", await TestBrowser.ErrorsOfAsync(await visitor.SubmitAsync(prefix + "/register", Form("13700000007", "000000000000000000"), "#register-form")));
        var refused = await visitor.SubmitAsync(prefix + "/register", Form("13700000007"), "#register-form", Documents());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("该手机号提交过于频繁", (await TestBrowser.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Input.ContactMobile']")!.TextContent);
        Assert.Equal(0, await InTenantAsync(site, tenant, s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().CountAsync(e => e.ContactMobile == "13700000007")));

        // Probing many mobiles from one client: at most 20 attempts an hour.
        for (var i = 7; i <= 20; i++)
            Assert.DoesNotContain("提交过于频繁", await TestBrowser.ErrorsOfAsync(await visitor.SubmitAsync(prefix + "/register", Form($"137000001{i:D2}", "000000000000000000"), "#register-form")));
        var client = await visitor.SubmitAsync(prefix + "/register", Form("13700000199"), "#register-form", Documents());
        Assert.Contains("提交过于频繁：每小时最多提交 20 次", await TestBrowser.ErrorsOfAsync(client));
    }
}

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91441202MA51TE7T1B", null)]
    [InlineData("124412004558627311", null)]
    [InlineData("91500000MA5U7N1R2P", null)]
    [InlineData("000000000000000000", "第 1 位「0」不是登记管理部门代码")]
    [InlineData("B1441202MA51TE7T1B", "第 1 位「B」不是登记管理部门代码")]
    [InlineData("94441202MA51TE7T1B", "第 2 位「4」不是市场监管（工商）登记的机构类别代码")]
    [InlineData("91001202MA51TE7T1B", "第 3–8 位「001202」不是行政区划代码")]
    [InlineData("91990000MA51TE7T1B", "第 3–8 位「990000」不是行政区划代码")]
    [InlineData("91440012MA51TE7T1B", "第 3–8 位「440012」不是行政区划代码")]
    [InlineData("91441202MA51TE7T1C", "校验位不正确")]
    [InlineData("９１４４１２０２ＭＡ５１ＴＥ７Ｔ１Ｂ", null)]
    [InlineData(" 91441202 ma51te7t1b ", null)]
    public void A_credit_code_is_checked_part_by_part(string code, string? problem)
    {
        var found = Metrology.Enterprises.Models.CreditCode.Problem(code);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }
}
