using System.Net;
using Metrology.Core.Data;
using Metrology.Core.Security;
using Metrology.Core.Verification;
using Metrology.Tests.Appointments;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Metrology.Verification.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Verification;

/// <summary>检定 → 核验 → 批准 in Zhaoqing: three different people with their own permissions, returns with a reason, every step recorded, approved = fixed.</summary>
public sealed class SignOffTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private const string Institute = "肇庆市质量计量监督检测所";

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "ZqSignOff");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Three_people_sign_off_nobody_checks_or_approves_their_own_work_a_return_carries_its_reason_and_approved_is_fixed()
    {
        var task = await _site.TaskAsync("ZQT2025-0101"); // 电子台秤, 力学室, waiting
        Assert.Equal((TaskState.Waiting, "Mechanics"), (task.State, task.Discipline));
        var page = $"/admin/verification/{task.Id}";
        // One person who may do all three, a checker and an approver.
        using var all = await _site.StaffAsync("lab-all", "力学室", Institute, "力学室");
        await AddRolesAsync("lab-all", "核验人员", "批准人");
        using var checker = await _site.ReviewerAsync("checker", "核验人员", Institute);
        using var approver = await _site.ReviewerAsync("approver", "批准人", Institute);

        var form = await all.GetDocumentAsync(_site.Prefix + page);
        Assert.Equal("JJG 539", form.QuerySelector("#Regulation")!.GetAttribute("value")); // from the catalog item
        var today = DateOnly.FromDateTime(DateTime.Today);
        var tooLate = await _site.PostAsync(all, page, "Submit", VerificationTestSupport.Record(Day(today), validUntil: Day(today.AddMonths(12))));
        Assert.Contains($"有效期至不能晚于检定周期所定的 {Day(today.AddMonths(12).AddDays(-1))}", await TestBrowser.ErrorsOfAsync(tooLate));
        var noClass = await _site.PostAsync(all, page, "Submit", VerificationTestSupport.Record(Day(today), conclusion: "Fail"));
        Assert.Contains("请填写不合格项目", await TestBrowser.ErrorsOfAsync(noClass));
        await _site.OkAsync(all, page, "Submit", VerificationTestSupport.Record(Day(today)));
        Assert.Equal(TaskState.Submitted, (await _site.TaskAsync("ZQT2025-0101")).State);

        var own = await _site.PostAsync(all, page, "Check");
        Assert.Contains("不能核验自己检定的结果", await TestBrowser.ErrorsOfAsync(own));
        var ownReturn = await _site.PostAsync(all, page, "Return", ("Reason", "自己退回"));
        Assert.Contains("不能退回自己检定或核验的结果", await TestBrowser.ErrorsOfAsync(ownReturn));
        var noReason = await _site.PostAsync(checker, page, "Return", ("Reason", ""));
        Assert.Contains("请填写退回原因", await TestBrowser.ErrorsOfAsync(noReason));
        await _site.OkAsync(checker, page, "Return", ("Reason", "环境湿度未按规程记录"));
        var returned = await _site.TaskAsync("ZQT2025-0101");
        Assert.Equal((TaskState.Waiting, "环境湿度未按规程记录"), (returned.State, returned.ReturnReason));
        Assert.Contains("环境湿度未按规程记录", (await all.GetDocumentAsync(_site.Prefix + page)).QuerySelector("#return-reason")!.TextContent);

        await _site.OkAsync(all, page, "Submit", VerificationTestSupport.Record(Day(today)));
        var noRight = await _site.PostAsync(checker, page, "Approve");
        Assert.Contains("权限", await TestBrowser.ErrorsOfAsync(noRight));
        await _site.OkAsync(checker, page, "Check");
        var ownApproval = await _site.PostAsync(all, page, "Approve");
        Assert.Contains("批准人不能是本结果的检定员或核验员", await TestBrowser.ErrorsOfAsync(ownApproval));
        await _site.OkAsync(approver, page, "Approve");

        var approved = await _site.TaskAsync("ZQT2025-0101");
        Assert.Equal((TaskState.Approved, false), (approved.State, approved.Open));
        var result = (await _site.InTenantAsync(s => s.GetRequiredService<IVerificationResults>().GetApprovedAsync(task.Id)))!;
        Assert.Equal(("lab-all", "checker", "approver"), (result.Verifier, result.Checker, result.Approver));
        Assert.Equal((VerificationConclusion.Pass, "Ⅲ级", "JJG 539"), (result.Conclusion, result.AccuracyClass, result.Regulation));
        Assert.Equal(today.AddMonths(12).AddDays(-1), result.ValidUntil);
        Assert.Equal(["接收", "检定提交", "退回", "检定提交", "核验通过", "批准"], (await _site.StepsAsync(task.Id)).Select(s => s.Action).ToList());
        var steps = (await all.GetDocumentAsync(_site.Prefix + page)).QuerySelector("#steps")!.TextContent;
        Assert.Contains("checker", steps);
        Assert.Contains("approver", steps);

        // Approved: nobody edits or returns it.
        var edit = await _site.PostAsync(all, page, "Submit", VerificationTestSupport.Record(Day(today), conclusion: "Fail", failedItems: "改"));
        Assert.Contains("已批准的检定结果不能修改", await TestBrowser.ErrorsOfAsync(edit));
        var back = await _site.PostAsync(approver, page, "Return", ("Reason", "再看看"));
        Assert.Contains("已批准的检定结果不能修改", await TestBrowser.ErrorsOfAsync(back));
        Assert.Equal(VerificationConclusion.Pass, (await _site.TaskAsync("ZQT2025-0101")).Conclusion);
    }

    [Fact]
    public async Task A_verifier_records_only_their_own_assigned_task_and_the_queue_lists_by_due_date()
    {
        var task = await _site.TaskAsync("ZQT2025-0101");
        using var head = await _site.ReviewerAsync("head", "室主任", Institute);
        using var one = await _site.StaffAsync("verifier-one", "力学室", Institute, "力学室");
        using var two = await _site.StaffAsync("verifier-two", "力学室", Institute, "力学室");
        var page = $"/admin/verification/{task.Id}";
        var picker = (await head.GetDocumentAsync($"{_site.Prefix}{page}")).QuerySelectorAll("#Verifier option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("verifier-one", picker);
        Assert.Contains("verifier-two", picker);
        Assert.DoesNotContain("head", picker);
        var nobody = await _site.PostAsync(head, page, "Assign", ("Verifier", "approver-x"));
        Assert.Contains("不是本机构有检定权限的用户", await TestBrowser.ErrorsOfAsync(nobody));
        await _site.OkAsync(head, page, "Assign", ("Verifier", "verifier-one"));
        var other = await _site.PostAsync(two, page, "Submit", VerificationTestSupport.Record(Day(DateOnly.FromDateTime(DateTime.Today))));
        Assert.Contains("该任务已指派给 verifier-one", await TestBrowser.ErrorsOfAsync(other));

        var queue = (await one.GetDocumentAsync($"{_site.Prefix}/admin/verification")).QuerySelector("#queue")!;
        Assert.Equal("Mechanics", (await one.GetDocumentAsync($"{_site.Prefix}/admin/verification")).QuerySelector("#lab option[selected]")!.GetAttribute("value"));
        Assert.Contains("ZQT2025-0101", queue.TextContent);
        Assert.DoesNotContain("ZQS2025-0103", queue.TextContent); // 声级计: the electrical lab's
        var dates = (await one.GetDocumentAsync($"{_site.Prefix}/admin/verification?lab=all")).QuerySelectorAll("#queue tbody tr td:first-child")
            .Select(td => td.TextContent.Trim()[..10]).ToList();
        Assert.Equal(dates.Order().ToList(), dates);
        Assert.True(dates.Count >= 3);
    }

    private Task AddRolesAsync(string userName, params string[] roles) => _site.InTenantAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<User>>();
        var user = (await users.FindByNameAsync(userName))!;
        foreach (var role in roles) Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return 0;
    });

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");
}
