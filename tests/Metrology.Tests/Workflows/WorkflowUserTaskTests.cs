using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Tests.Infrastructure;
using Metrology.Workflows.Models;

namespace Metrology.Tests.Workflows;

public sealed class WorkflowUserTaskTests(SiteFactory site) : IAsyncLifetime
{
    private WorkflowTenant _t = null!;
    private WorkflowType _type = null!;

    public async ValueTask InitializeAsync()
    {
        _t = await WorkflowTenant.CreateAsync(site, "WfTask");
        string[] editor = ["AccessAdminPanel", "EditContent"];
        await _t.CreateUserAsync("reviewer", "Review2026pw", ("编辑", editor), ("审核员", editor));
        await _t.CreateUserAsync("writer", "Writer2026pw", ("编辑", editor));
        _type = await _t.ImportAsync(new Flow("页面审核").Start("created", "ContentCreated", new { ContentTypes = new[] { "Page" } })
            .Add("review", "UserTask", new { Actions = new[] { "通过", "退回" }, Roles = new[] { "审核员" }, Description = "请审核此页面" })
            .Add("ok", "SetProperty", new { Name = "result", Value = "通过" })
            .Add("back", "SetProperty", new { Name = "result", Value = "退回" })
            .Add("end", "Finish")
            .Connect("created", "Done", "review").Connect("review", "通过", "ok").Connect("review", "退回", "back")
            .Connect("ok", "Done", "end").Connect("back", "Done", "end").Build());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string> CreatePageAsync(TestBrowser browser, string title)
    {
        var saved = await browser.SubmitAsync(_t.Prefix + "/admin/contents/edit?type=Page", new Dictionary<string, string> { ["Title"] = title }, "main form[method=post]");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"save answered {(int)saved.StatusCode}: {await TestBrowser.ErrorsOfAsync(saved)}");
        return TestBrowser.Location(saved).Split('/').Last().Split('?')[0];
    }

    [Fact]
    public async Task Only_users_in_the_tasks_roles_see_and_choose_its_actions_and_the_choice_follows_its_outcome_for_that_item_only()
    {
        using var writer = await _t.LoginAsync("writer", "Writer2026pw");
        var a = await CreatePageAsync(writer, "待审页面甲");
        var b = await CreatePageAsync(writer, "待审页面乙");
        Assert.All(await _t.InstancesAsync(_type.Id), i => Assert.Equal(WorkflowStatus.Halted, i.Status));
        Assert.Equal(new[] { a, b }.Order(), (await _t.InstancesAsync(_type.Id)).Select(i => i.CorrelationId!).Order());

        var writerPage = await writer.GetDocumentAsync($"{_t.Prefix}/admin/contents/edit/{a}");
        Assert.Null(writerPage.QuerySelector("#workflow-tasks"));

        using var reviewer = await _t.LoginAsync("reviewer", "Review2026pw");
        var reviewerPage = await reviewer.GetDocumentAsync($"{_t.Prefix}/admin/contents/edit/{a}");
        var buttons = reviewerPage.QuerySelectorAll("#workflow-tasks button[name=Action]").Select(x => x.GetAttribute("value")).ToList();
        Assert.Equal(["通过", "退回"], buttons);
        Assert.Contains("请审核此页面", reviewerPage.QuerySelector("#workflow-tasks")!.TextContent);
        var taskForm = reviewerPage.QuerySelector<IHtmlFormElement>("#workflow-tasks form")!;

        // The writer forges the reviewer's form with a valid anti-forgery token of their own.
        var forged = await writer.Client.PostAsync(_t.Prefix + "/admin/workflows/task", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = writerPage.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["InstanceId"] = taskForm.Elements["InstanceId"]!.GetAttribute("value")!,
            ["ActivityId"] = "review",
            ["Action"] = "通过",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.All(await _t.InstancesAsync(_type.Id), i => Assert.Equal(WorkflowStatus.Halted, i.Status));

        var chosen = await reviewer.PostFormAsync(taskForm, new Dictionary<string, string> { ["Action"] = "退回", ["Comment"] = "标题需修改" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.EndsWith($"/admin/contents/edit/{a}", TestBrowser.Location(chosen));

        var instanceA = await _t.SingleInstanceAsync(_type.Id, a);
        Assert.Equal(WorkflowStatus.Finished, instanceA.Status);
        Assert.Equal("退回", WorkflowTenant.Property(instanceA, "result"));
        var log = await _t.LogAsync(instanceA.Id);
        var decision = Assert.Single(log, l => l.ActivityId == "review" && l.Outcome == "退回");
        Assert.Equal("reviewer", decision.UserName);
        Assert.Contains("标题需修改", decision.Message);
        Assert.Equal(WorkflowStatus.Halted, (await _t.SingleInstanceAsync(_type.Id, b)).Status);
        Assert.Null((await reviewer.GetDocumentAsync($"{_t.Prefix}/admin/contents/edit/{a}")).QuerySelector("#workflow-tasks"));
        Assert.NotNull((await reviewer.GetDocumentAsync($"{_t.Prefix}/admin/contents/edit/{b}")).QuerySelector("#workflow-tasks"));
    }
}
