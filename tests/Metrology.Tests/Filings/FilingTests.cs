using AngleSharp.Dom;
using System.Net;
using Metrology.Core.Data;
using Metrology.Filings;
using Metrology.Filings.Models;
using Metrology.Notifications.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Filings;

/// <summary>Filing (备案) in the running site: drafts, the three ways to add lines, submit, review line by line, the SMS, moving back.</summary>
public sealed class FilingTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "Filing");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_enterprise_files_typed_picked_and_imported_instruments_and_the_institution_reviews_them_line_by_line()
    {
        using var water = await _site.SignInAsync(FilingSite.Water);
        var picked = await _site.AddInstrumentAsync(water, FilingSite.Instrument("J-PICK-1"));
        var imported = await _site.AddInstrumentAsync(water, FilingSite.Instrument("J-IMP-1"));
        var draft = await _site.DraftAsync(water);

        // Picked from the library on the draft's page.
        var page = $"/my/filings/{draft}";
        Assert.Contains("J-PICK-1", (await water.GetDocumentAsync(_site.Prefix + page)).QuerySelector("#pickable")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, page, "Add", ("Selected", picked))).StatusCode);

        // 强检申请 from the library's selection into this draft.
        var toDraft = await PostImportAsync(water, imported, draft);
        Assert.Equal(HttpStatusCode.Redirect, toDraft.StatusCode);

        // Typed as a new instrument: the library's form sends it back to the draft, which asks to add it.
        var typedForm = await water.GetDocumentAsync($"{_site.Prefix}/my/instruments/edit?returnUrl={Uri.EscapeDataString($"{_site.Prefix}{page}")}");
        var typedSaved = await water.PostFormAsync(typedForm.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!, FilingSite.Instrument("J-TYPED-1"));
        Assert.Equal(HttpStatusCode.Redirect, typedSaved.StatusCode);
        var back = TestBrowser.Location(typedSaved);
        Assert.Contains("added=", back);
        var typed = await _site.InstrumentIdAsync("J-TYPED-1");
        Assert.Contains("J-TYPED-1", (await water.GetDocumentAsync(back)).QuerySelector(".alert-info")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, page, "Add", ("Selected", typed))).StatusCode);

        var filing = await _site.FilingAsync(draft);
        Assert.Equal(3, filing.Lines.Count);
        await _site.AssertIndexMatchesAsync(draft);

        var submitted = await _site.PostAsync(water, page, "Submit", Lines(filing));
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, await TestBrowser.ErrorsOfAsync(submitted));
        Assert.Equal(Metrology.Core.Instruments.FilingStatus.Submitted, (await _site.InstrumentAsync("J-PICK-1")).FilingStatus);
        await _site.AssertIndexMatchesAsync(draft);

        using var clerk = await _site.ReviewerAsync("clerk");
        var queue = (await clerk.GetDocumentAsync($"{_site.Prefix}/admin/filings")).QuerySelector("table")!.TextContent;
        Assert.Contains(filing.Number, queue);
        var review = $"/admin/filings/{draft}";
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(clerk, review, "Accept", ("Selected", picked), ("Selected", imported))).StatusCode);
        var rejected = await _site.PostAsync(clerk, review, "Reject", ("Selected", typed), ("Reason", "出厂编号不完整或与铭牌不符"), ("ReasonText", "请核对铭牌"));
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        var reviewed = await _site.FilingAsync(draft);
        Assert.Equal((FilingState.Reviewed, 2, 1), (reviewed.State, reviewed.Accepted, reviewed.Rejected));
        Assert.Equal("出厂编号不完整或与铭牌不符；请核对铭牌", reviewed.Lines.Single(l => l.InstrumentId == typed).Reason);
        await _site.AssertIndexMatchesAsync(draft);

        // The recipe's workflow sends the result SMS with the counts.
        var sms = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<NotificationMessage>().AsNoTracking()
            .Where(m => m.Recipient == FilingSite.Water && m.Channel == Metrology.Core.Notifications.NotificationChannel.Sms).Select(m => m.Body).ToListAsync());
        Assert.Contains(sms, t => t.Contains(reviewed.Number) && t.Contains("已审核通过（2 台）") && t.Contains("其中 1 台未通过") && t.Contains("请核对铭牌"));

        // The enterprise sees the outcome and moves the rejected one back to its library.
        var mine = (await water.GetDocumentAsync(_site.Prefix + page)).Body!.TextContent;
        Assert.Contains("不予受理", mine);
        Assert.Contains("请核对铭牌", mine);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, page, "MoveBack", ("Selected", typed))).StatusCode);
        await _site.AssertIndexMatchesAsync(draft);

        var accepted = await _site.InstrumentAsync("J-PICK-1");
        Assert.True(accepted.Mandatory);
        Assert.Equal(Metrology.Core.Instruments.FilingStatus.Filed, accepted.FilingStatus);
        Assert.Equal(filing.InstitutionId, accepted.FilingInstitutionId);
        var library = (await water.GetDocumentAsync($"{_site.Prefix}/my/instruments?serial=J-")).QuerySelector("#instruments")!.TextContent;
        Assert.Contains("已备案", library);
        Assert.Contains("备案未通过", library);

        // Moved back, it can go into a new draft; an accepted one cannot (later cycles book directly).
        var second = await _site.DraftAsync(water);
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(water, $"/my/filings/{second}", "Add", ("Selected", typed))).StatusCode);
        var again = await _site.PostAsync(water, $"/my/filings/{second}", "Add", ("Selected", picked));
        Assert.Contains("已备案，备案只需一次", await TestBrowser.ErrorsOfAsync(again));
    }

    [Fact]
    public async Task The_filing_form_prints_as_a_pdf_with_the_enterprise_the_number_and_every_line_and_exports_to_xlsx()
    {
        var id = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<FilingIndex>()
            .Where(f => f.State == FilingState.Reviewed).Select(f => f.ContentItemId).FirstAsync());
        var filing = await _site.FilingAsync(id);
        using var gas = await _site.SignInAsync(FilingSite.Gas);
        var pdf = await gas.GetAsync($"{_site.Prefix}/my/filings/{id}?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await Metrology.Tests.Documents.PdfRendererTests.PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("计量器具强制检定备案申请表", text);
        Assert.Contains(filing.Number, text);
        Assert.Contains("肇庆市示例燃气有限公司", text);
        Assert.All(filing.Lines, l => Assert.Contains(l.SerialNumber, text));
        Assert.Contains("不予受理", text);

        var xlsx = await gas.GetAsync($"{_site.Prefix}/my/filings/{id}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = Metrology.Excel.XlsxReader.ReadRows(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())).Where(r => !r.IsEmpty).ToList();
        Assert.Equal("器具名称", rows[0][0]);
        Assert.Equal(filing.Lines.Select(l => l.SerialNumber), rows.Skip(1).Select(r => r[2]));
    }

    private async Task<HttpResponseMessage> PostImportAsync(TestBrowser browser, string instrument, string draft)
    {
        // The library posts its selection to the import page, which asks for the draft.
        var library = await browser.GetDocumentAsync(_site.Prefix + "/my/instruments");
        var token = library.QuerySelector("#instruments-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Contains("强检申请", library.QuerySelector("#instruments-form")!.TextContent);
        var chooser = await browser.Client.PostAsync(_site.Prefix + "/my/filings/import",
            new FormUrlEncodedContent([new("Selected", instrument), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, chooser.StatusCode);
        var document = await TestBrowser.ParseAsync(chooser);
        var form = document.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=post]")!;
        return await browser.PostFormAsync(form, new Dictionary<string, string> { ["DraftId"] = draft });
    }

    private static (string, string)[] Lines(FilingPart filing) => filing.Lines.SelectMany((l, i) => new[]
    {
        ($"Lines[{i}].InstrumentId", l.InstrumentId), ($"Lines[{i}].CatalogCode", l.CatalogCode ?? ""), ($"Lines[{i}].Usage", l.Usage?.ToString() ?? ""),
        ($"Lines[{i}].Method", l.Method?.ToString() ?? ""), ($"Lines[{i}].Department", l.Department ?? ""), ($"Lines[{i}].Location", "一号泵房"),
    }).ToArray();
}
