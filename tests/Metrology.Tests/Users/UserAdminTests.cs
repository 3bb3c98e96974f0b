using AngleSharp.Dom;
using System.Net;
using Metrology.Core.Tenants;
using Metrology.Tests.Infrastructure;

namespace Metrology.Tests.Users;

public sealed class UserAdminTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Usr");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<TestBrowser> AdminAsync()
    {
        var browser = site.Browser();
        await browser.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        return browser;
    }

    [Fact]
    public async Task An_administrator_creates_a_staff_user_who_can_then_sign_in()
    {
        using var admin = await AdminAsync();
        var created = await admin.SubmitAsync(Prefix + "/admin/users/create", new Dictionary<string, string>
        {
            ["Input.UserName"] = "reviewer1",
            ["Input.DisplayName"] = "张审核",
            ["Input.PhoneNumber"] = "13912345678",
            ["Input.Password"] = "Review2026a",
            ["Input.Roles"] = "业务室",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetDocumentAsync(Prefix + "/admin/users?q=reviewer1");
        Assert.Contains("张审核", list.QuerySelector("table")!.TextContent);
        Assert.Contains("业务室", list.QuerySelector("table")!.TextContent);

        using var reviewer = site.Browser();
        await reviewer.LoginAsync(Prefix, "reviewer1", "Review2026a");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(Prefix + "/admin")).StatusCode);
    }

    [Theory]
    [InlineData("Input.PhoneNumber", "1234", "请输入 11 位中国大陆手机号")]
    [InlineData("Input.Email", "not-an-email", "电子邮箱格式不正确")]
    [InlineData("Input.Password", "short1", "密码至少需要 8 个字符")]
    [InlineData("Input.Password", "nodigitsatall", "密码须包含至少一个数字")]
    [InlineData("Input.UserName", "admin", "用户名 “admin” 已被使用")]
    public async Task Bad_input_on_the_user_form_is_refused_at_the_field(string field, string value, string message)
    {
        using var admin = await AdminAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.UserName"] = "user" + Guid.NewGuid().ToString("N")[..6],
            ["Input.Password"] = "Good2026pass",
            [field] = value,
        };
        var response = await admin.SubmitAsync(Prefix + "/admin/users/create", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ParseAsync(response);
        var error = page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent;
        Assert.Contains(message, error);
        if (field != "Input.Password")
            Assert.Equal(value, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name='{field}']")!.Value);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        using var admin = await AdminAsync();
        var list = await admin.GetDocumentAsync(Prefix + "/admin/users?q=admin");
        var edit = list.QuerySelector("table a[href*='/admin/users/']")!.GetAttribute("href")!;
        var response = await admin.SubmitAsync(edit, new Dictionary<string, string> { ["!Input.IsEnabled"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不能停用自己的账号", await TestBrowser.ErrorsOfAsync(response));
    }

    [Fact]
    public async Task A_user_changes_their_password_and_signs_in_with_the_new_one()
    {
        using var admin = await AdminAsync();
        await admin.SubmitAsync(Prefix + "/admin/users/create", new Dictionary<string, string>
        {
            ["Input.UserName"] = "changer",
            ["Input.Password"] = "Before2026x",
        });
        using var user = site.Browser();
        await user.LoginAsync(Prefix, "changer", "Before2026x");
        var wrong = await user.SubmitAsync(Prefix + "/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "NotMine2026",
            ["Input.NewPassword"] = "After2026xy",
            ["Input.ConfirmPassword"] = "After2026xy",
        });
        Assert.Contains("密码不正确", await TestBrowser.ErrorsOfAsync(wrong));

        var changed = await user.SubmitAsync(Prefix + "/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "Before2026x",
            ["Input.NewPassword"] = "After2026xy",
            ["Input.ConfirmPassword"] = "After2026xy",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var again = site.Browser();
        await again.LoginAsync(Prefix, "changer", "After2026xy");
    }
}
