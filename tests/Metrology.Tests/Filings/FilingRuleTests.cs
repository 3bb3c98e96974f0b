using AngleSharp.Dom;
using System.Net;
using Metrology.Core.Data;
using Metrology.Filings.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Filings;

/// <summary>Each filing rule refused with the message the enterprise sees, and nothing submitted half.</summary>
public sealed class FilingRuleTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "FilingRule");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string> SubmitErrorsAsync(TestBrowser browser, string draft)
    {
        var filing = await _site.FilingAsync(draft);
        var fields = filing.Lines.SelectMany((l, i) => new[]
        {
            ($"Lines[{i}].InstrumentId", l.InstrumentId), ($"Lines[{i}].CatalogCode", l.CatalogCode ?? ""), ($"Lines[{i}].Usage", l.Usage?.ToString() ?? ""),
            ($"Lines[{i}].Method", l.Method?.ToString() ?? ""),
        }).ToArray();
        var response = await _site.PostAsync(browser, $"/my/filings/{draft}", "Submit", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FilingState.Draft, (await _site.FilingAsync(draft)).State);
        return await TestBrowser.ErrorsOfAsync(response);
    }

    [Fact]
    public async Task An_empty_draft_cannot_be_submitted()
    {
        using var water = await _site.SignInAsync(FilingSite.Water);
        var draft = await _site.DraftAsync(water);
        Assert.Contains("草稿中还没有器具", await SubmitErrorsAsync(water, draft));
    }

    [Fact]
    public async Task A_type_approval_only_item_is_refused_with_the_catalogs_words_and_nothing_is_submitted_half()
    {
        using var water = await _site.SignInAsync(FilingSite.Water);
        var good = await _site.AddInstrumentAsync(water, FilingSite.Instrument("R-GOOD-1"));
        var ponly = await _site.AddInstrumentAsync(water, FilingSite.Instrument("R-P-1", catalog: "S0705", name: "称重显示器"));
        var draft = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{draft}", "Add", ("Selected", good), ("Selected", ponly))).StatusCode);
        var errors = await SubmitErrorsAsync(water, draft);
        Assert.Contains("只需型式批准（P），不属于强制检定：本单位只受理强制检定", errors);
        // The good line was not submitted either.
        Assert.Equal(Metrology.Core.Instruments.FilingStatus.NotFiled, (await _site.InstrumentAsync("R-GOOD-1")).FilingStatus);
    }

    [Fact]
    public async Task An_incomplete_serial_number_is_refused_at_its_line()
    {
        using var water = await _site.SignInAsync(FilingSite.Water);
        var placeholder = await _site.AddInstrumentAsync(water, FilingSite.Instrument("无"));
        var draft = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{draft}", "Add", ("Selected", placeholder))).StatusCode);
        Assert.Contains("出厂编号「无」不完整", await SubmitErrorsAsync(water, draft));
    }

    [Fact]
    public async Task An_instrument_is_in_one_open_filing_at_a_time_and_filed_only_once()
    {
        using var water = await _site.SignInAsync(FilingSite.Water);
        var meter = await _site.AddInstrumentAsync(water, FilingSite.Instrument("R-ONE-1"));
        var first = await _site.DraftAsync(water);
        var second = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{first}", "Add", ("Selected", meter))).StatusCode);
        var twice = await _site.PostAsync(water, $"/my/filings/{second}", "Add", ("Selected", meter));
        Assert.Contains("已在另一份未完成的强检申请中", await TestBrowser.ErrorsOfAsync(twice));

        // Filed (accepted today, inside Zhaoqing's booking window) instruments are refused with a pointer to booking.
        await _site.InTenantAsync(async s =>
        {
            await s.GetRequiredService<Metrology.Instruments.InstrumentLibrary>().UpdateAsync(meter, p => p with
            {
                FilingStatus = Metrology.Core.Instruments.FilingStatus.Filed, Mandatory = true, FiledOn = DateOnly.FromDateTime(DateTime.Now),
            }, "test");
            return 0;
        });
        var third = await _site.DraftAsync(water);
        var filed = await _site.PostAsync(water, $"/my/filings/{third}", "Add", ("Selected", meter));
        Assert.Contains("已备案，备案只需一次：下一周期请直接约检", await TestBrowser.ErrorsOfAsync(filed));
    }

    [Fact]
    public async Task An_institution_that_does_not_verify_the_item_is_refused()
    {
        // A second institution that verifies nothing.
        var other = await _site.InTenantAsync(async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            var institution = new Metrology.ReferenceData.Models.Institution { Name = "示例分所（无检定项目）" };
            db.Add(institution);
            await db.SaveChangesAsync();
            return institution.Id;
        });
        using var water = await _site.SignInAsync(FilingSite.Water);
        var meter = await _site.AddInstrumentAsync(water, FilingSite.Instrument("R-INST-1"));
        var created = await _site.PostAsync(water, "/my/filings", "Create", ("InstitutionId", other.ToString()), ("Address", "肇庆市端州区示例路 1 号"));
        var draft = TestBrowser.Location(created).Split('/').Last();
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{draft}", "Add", ("Selected", meter))).StatusCode);
        Assert.Contains("「示例分所（无检定项目）」不检定「饮用冷水水表」", await SubmitErrorsAsync(water, draft));
    }

    [Fact]
    public async Task A_draft_is_deleted_with_its_index_rows_and_frees_its_instruments()
    {
        using var water = await _site.SignInAsync(FilingSite.Water);
        var meter = await _site.AddInstrumentAsync(water, FilingSite.Instrument("R-DEL-1"));
        var draft = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{draft}", "Add", ("Selected", meter))).StatusCode);
        await _site.AssertIndexMatchesAsync(draft);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{draft}", "Delete")).StatusCode);
        await _site.AssertIndexMatchesAsync(draft);
        var next = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{next}", "Add", ("Selected", meter))).StatusCode);
    }

    [Fact]
    public async Task A_wrong_serial_found_after_filing_is_corrected_through_deactivation_and_filed_again()
    {
        using var water = await _site.SignInAsync(FilingSite.Water);
        var meter = await _site.AddInstrumentAsync(water, FilingSite.Instrument("R-WRONG-1"));
        var draft = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{draft}", "Add", ("Selected", meter))).StatusCode);
        var lines = new[] { ("Lines[0].InstrumentId", meter), ("Lines[0].CatalogCode", "S0301"), ("Lines[0].Usage", "4"), ("Lines[0].Method", "1") };
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{draft}", "Submit", lines)).StatusCode);
        using var clerk = await _site.ReviewerAsync("clerk-wrong");
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(clerk, $"/admin/filings/{draft}", "AcceptAll")).StatusCode);
        Assert.Equal(Metrology.Core.Instruments.FilingStatus.Filed, (await _site.InstrumentAsync("R-WRONG-1")).FilingStatus);

        // Seed 000 §五 2: deactivate, re-activate (not filed, not mandatory), correct the serial, file again.
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, "/my/instruments", "Deactivate", ("Selected", meter))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, "/my/instruments/deactivated", "Reactivate", ("Selected", meter))).StatusCode);
        var edit = await water.GetDocumentAsync($"{_site.Prefix}/my/instruments/edit/{meter}");
        var corrected = await water.PostFormAsync(edit.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!,
            new Dictionary<string, string> { ["Input.SerialNumber"] = "R-RIGHT-1" });
        Assert.True(corrected.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(corrected));
        var again = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{again}", "Add", ("Selected", meter))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{again}", "Submit", lines)).StatusCode);
        Assert.Equal("R-RIGHT-1", (await _site.FilingAsync(again)).Lines.Single().SerialNumber);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(clerk, $"/admin/filings/{again}", "AcceptAll")).StatusCode);
        var filed = await _site.InstrumentAsync("R-RIGHT-1");
        Assert.True(filed.Mandatory && filed.FilingStatus == Metrology.Core.Instruments.FilingStatus.Filed);
    }

    [Fact]
    public async Task The_demo_recipe_has_a_filing_waiting_and_a_reviewed_one_with_a_refused_line()
    {
        var states = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<FilingIndex>().AsNoTracking()
            .Select(f => new { f.State, f.RejectedCount }).ToListAsync());
        Assert.Contains(states, f => f.State == FilingState.Submitted);
        Assert.Contains(states, f => f.State == FilingState.Reviewed && f.RejectedCount == 1);
    }
}
