using System.Net;
using AngleSharp.Dom;
using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Enterprises.Models;
using Metrology.Notifications.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Enterprises;

/// <summary>资料变更: the enterprise asks with documents, the institute decides, the profile changes and keeps its history.</summary>
public sealed class ChangeRequestTests(SiteFactory site) : IAsyncLifetime
{
    private TenantSettings _tenant = null!;
    private string Prefix => "/" + _tenant.RequestUrlPrefix;
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    public async ValueTask InitializeAsync() => _tenant = await site.CreateTenantAsync("Chg");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> InTenantAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(_tenant, async s => result = await work(s));
        return result;
    }

    private Task<Enterprise> EnterpriseAsync(string name) =>
        InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Enterprise>().AsNoTracking().SingleAsync(e => e.Name == name));

    private async Task<HttpResponseMessage> DecideAsync(int enterpriseId, string handler, string? reason = null)
    {
        using var admin = site.Browser();
        await admin.LoginAsync(Prefix, "admin", SiteFactory.AdminPassword);
        var fields = reason is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Reason"] = reason };
        return await admin.SubmitAsync($"{Prefix}/admin/enterprises/{enterpriseId}", fields, $"form[action*='handler={handler}']");
    }

    [Fact]
    public async Task A_name_change_needs_the_new_licence_and_on_approval_the_name_changes_and_the_old_one_stays_in_the_history()
    {
        using var water = site.Browser();
        await water.LoginAsync(Prefix, "13800000001", SiteFactory.AdminPassword);
        var without = await water.SubmitAsync(Prefix + "/my/change", new Dictionary<string, string> { ["Input.Kind"] = "NameOrLegalPerson", ["Input.NewName"] = "肇庆市示例供水集团有限公司" }, "#change-form");
        Assert.Equal(HttpStatusCode.OK, without.StatusCode);
        Assert.Contains("请上传营业执照", (await TestBrowser.ParseAsync(without)).QuerySelector("[data-valmsg-for='Documents[Licence]']")!.TextContent);

        var form = (await water.GetDocumentAsync(Prefix + "/my/change")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#change-form")!;
        var sent = await water.PostFormAsync(form, new Dictionary<string, string> { ["Input.Kind"] = "NameOrLegalPerson", ["Input.NewName"] = "肇庆市示例供水集团有限公司", ["Input.Status"] = "Approved", ["Input.OldValues"] = "伪造" },
            new Dictionary<string, (string, byte[])> { ["Documents[Licence]"] = ("新营业执照.pdf", Pdf) });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var enterprise = await EnterpriseAsync("肇庆市示例水务有限公司"); // a forged status does not decide anything
        var request = await InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<ChangeRequest>().SingleAsync(c => c.EnterpriseId == enterprise.Id));
        Assert.Equal((ChangeStatus.Pending, (string?)null), (request.Status, request.OldValues));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(enterprise.Id, "ApproveChange")).StatusCode);
        var changed = await EnterpriseAsync("肇庆市示例供水集团有限公司");
        Assert.Equal(enterprise.Id, changed.Id);
        var decided = await InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<ChangeRequest>().SingleAsync(c => c.Id == request.Id));
        Assert.Equal((ChangeStatus.Approved, "单位名称：肇庆市示例水务有限公司"), (decided.Status, decided.OldValues));
        var sms = await InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().SingleAsync(m => m.Recipient == "13800000001"));
        Assert.Contains("已审核通过", sms.Body);
        Assert.Contains("已通过", (await water.GetDocumentAsync(Prefix + "/my/change")).QuerySelector("#change-requests")!.TextContent);
    }

    [Fact]
    public async Task A_contact_change_moves_the_login_to_the_new_mobile_and_another_enterprise_sees_nothing_of_it()
    {
        using var hospital = site.Browser();
        await hospital.LoginAsync(Prefix, "13800000002", SiteFactory.AdminPassword);
        var sent = await hospital.SubmitAsync(Prefix + "/my/change", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Contact", ["Input.NewContactName"] = "周主任", ["Input.NewContactMobile"] = "13500000009",
        }, "#change-form", new Dictionary<string, (string, byte[])> { ["Documents[Licence]"] = ("执照.pdf", Pdf), ["Documents[AuthorisationLetter]"] = ("授权委托书.pdf", Pdf) });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        using var other = site.Browser();
        await other.LoginAsync(Prefix, "13800000001", SiteFactory.AdminPassword);
        Assert.DoesNotContain("联系人变更", (await other.GetDocumentAsync(Prefix + "/my/change")).QuerySelector("#change-requests")!.TextContent);

        var enterprise = await EnterpriseAsync("肇庆市示例人民医院");
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(enterprise.Id, "ApproveChange")).StatusCode);
        var changed = await EnterpriseAsync("肇庆市示例人民医院");
        Assert.Equal(("周主任", "13500000009"), (changed.ContactName, changed.ContactMobile));

        using var newLogin = site.Browser();
        await newLogin.LoginAsync(Prefix, "13500000009", SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await newLogin.GetAsync(Prefix + "/my/profile")).StatusCode);
        using var oldLogin = site.Browser();
        var refused = await oldLogin.SubmitAsync(Prefix + "/login", new Dictionary<string, string> { ["Input.UserName"] = "13800000002", ["Input.Password"] = SiteFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
    }
}
