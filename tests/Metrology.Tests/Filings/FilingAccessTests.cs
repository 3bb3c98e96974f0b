using System.Net;
using Metrology.Core.Data;
using Metrology.Filings;
using Metrology.Filings.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Filings;

/// <summary>Who may see and decide what: institutions see only their filings, enterprises only their own, a line is decided once.</summary>
public sealed class FilingAccessTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private const string Gas = "13900000001", Station = "13900000002";

    // Chongqing: the institute and 第四分院, whose demo filings belong to the gas company.
    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "FilingAccess", "chongqing");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<string> WaitingFilingAsync() => _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<FilingIndex>()
        .Where(f => f.State == FilingState.Submitted).Select(f => f.ContentItemId).FirstAsync());

    [Fact]
    public async Task A_reviewer_of_another_institution_neither_sees_nor_decides_the_filing()
    {
        var id = await WaitingFilingAsync();
        var filing = await _site.FilingAsync(id);
        using var other = await _site.ReviewerAsync("main-clerk", "受理审核", "重庆市计量质量检测研究院");
        Assert.DoesNotContain(filing.Number, (await other.GetDocumentAsync($"{_site.Prefix}/admin/filings")).Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{_site.Prefix}/admin/filings/{id}")).StatusCode);
        // A forged post with the id of a filing the reviewer may not see.
        using var branch = await _site.ReviewerAsync("branch-clerk", "受理审核", "第四分院");
        var token = (await other.GetDocumentAsync($"{_site.Prefix}/admin/filings")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var forged = await other.Client.PostAsync($"{_site.Prefix}/admin/filings/{id}?handler=AcceptAll",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token ?? "")]));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(FilingState.Submitted, (await _site.FilingAsync(id)).State);
        Assert.Contains(filing.Number, (await branch.GetDocumentAsync($"{_site.Prefix}/admin/filings")).Body!.TextContent);
        // An enterprise account is no reviewer at all.
        using var gas = await _site.SignInAsync(Gas);
        Assert.Equal(HttpStatusCode.Forbidden, (await gas.GetAsync($"{_site.Prefix}/admin/filings")).StatusCode);
    }

    [Fact]
    public async Task A_reviewer_sees_on_the_workspace_the_filings_to_review_and_the_instruments_due_at_the_institution()
    {
        using var branch = await _site.ReviewerAsync("branch-home", "受理审核", "第四分院");
        var home = await branch.GetDocumentAsync($"{_site.Prefix}/admin");
        string CountOf(string label) => home.QuerySelector($"#workspace-counts a[data-label='{label}'] .count-value")!.TextContent.Trim();
        // The demo: one filing waiting at 第四分院; CQG2024-1001 due in 25 days there (CQJ2023-0501 in 40).
        Assert.Equal("1", CountOf("备案申请待审核"));
        // CQG2024-1001, and the instrument maker's five received at the counter (Verification's demo, due in 15 days).
        Assert.Equal("6", CountOf("30 天内到期的强检器具"));
        Assert.Contains("去审核", home.QuerySelector("#workspace-todos")!.TextContent);
        // A reviewer of the main institute has nothing waiting.
        using var main = await _site.ReviewerAsync("main-home", "受理审核", "重庆市计量质量检测研究院");
        var other = await main.GetDocumentAsync($"{_site.Prefix}/admin");
        Assert.DoesNotContain("强检备案申请待审核", other.QuerySelector("#workspace-todos")?.TextContent ?? "");
    }

    [Fact]
    public async Task An_enterprise_cannot_read_or_change_another_enterprises_filing_by_its_id()
    {
        var id = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<FilingIndex>()
            .Where(f => f.State == FilingState.Draft).Select(f => f.ContentItemId).FirstAsync());
        using var station = await _site.SignInAsync(Station);
        Assert.Equal(HttpStatusCode.NotFound, (await station.GetAsync($"{_site.Prefix}/my/filings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await station.GetAsync($"{_site.Prefix}/my/filings/{id}?handler=Pdf")).StatusCode);
        var token = (await station.GetDocumentAsync($"{_site.Prefix}/my/filings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var delete = await station.Client.PostAsync($"{_site.Prefix}/my/filings/{id}?handler=Delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.NotNull(await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<FilingIndex>().SingleOrDefaultAsync(f => f.ContentItemId == id)));
        // Nor add its own instruments to the other's draft through the import page.
        var mine = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.Instruments.Models.InstrumentIndex>()
            .Where(i => i.SerialNumber == "CQJ2023-0501").Select(i => i.ContentItemId).FirstAsync());
        var import = await station.Client.PostAsync($"{_site.Prefix}/my/filings/import?handler=Confirm",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Selected", mine), new("DraftId", id)]));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.DoesNotContain((await _site.FilingAsync(id)).Lines, l => l.InstrumentId == mine);
    }

    [Fact]
    public async Task A_decided_line_is_not_decided_again_even_when_two_reviewers_post_at_once()
    {
        var id = await WaitingFilingAsync();
        using var one = await _site.ReviewerAsync("clerk-one", "受理审核", "第四分院");
        using var two = await _site.ReviewerAsync("clerk-two", "受理审核", "第四分院");
        var line = (await _site.FilingAsync(id)).Lines[0].InstrumentId;
        // Both opened the page before either decided.
        var pageOne = await one.GetDocumentAsync($"{_site.Prefix}/admin/filings/{id}");
        var pageTwo = await two.GetDocumentAsync($"{_site.Prefix}/admin/filings/{id}");
        Task<HttpResponseMessage> Post(TestBrowser b, AngleSharp.Dom.IDocument page, string handler, params (string, string)[] fields) =>
            b.Client.PostAsync($"{_site.Prefix}/admin/filings/{id}?handler={handler}", new FormUrlEncodedContent(fields
                .Append(("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!))
                .Append(("VersionId", page.QuerySelector("input[name=VersionId]")!.GetAttribute("value")!))
                .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
        var answers = await Task.WhenAll(Post(one, pageOne, "Accept", ("Selected", line)), Post(two, pageTwo, "Reject", ("Selected", line), ("Reason", "器具信息填写不完整")));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var loser = answers.Single(a => a.StatusCode != HttpStatusCode.Redirect);
        // Whether the loser's save met the winner's commit (version check) or came after it (state check), it is refused with a reason.
        Assert.Matches("已被其他审核人处理|已审核", await TestBrowser.ErrorsOfAsync(loser));
        var decided = (await _site.FilingAsync(id)).Lines.Single(l => l.InstrumentId == line);
        Assert.NotEqual(LineDecision.Pending, decided.Decision);

        // Later, with a fresh page, the decided line cannot be decided again.
        var again = await _site.PostAsync(one, $"/admin/filings/{id}", "Reject", ("Selected", line), ("Reason", "器具信息填写不完整"));
        Assert.Contains("已审核", await TestBrowser.ErrorsOfAsync(again));
        await _site.AssertIndexMatchesAsync(id);
    }
}
