using Metrology.Core.Content;
using Metrology.Core.Enterprises;
using Metrology.Core.Instruments;
using Metrology.Filings;
using Metrology.Tests.Filings;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Appointments;

/// <summary>
/// 备案已失效 (seed 004 §一 3 (5)): in Zhaoqing an instrument past its booking window shows so in the library and can be
/// filed again, while one inside the window is still "filed once" and refused by a new filing.
/// </summary>
public sealed class LapsedFilingTests(Metrology.Tests.Infrastructure.SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private const string Lapsed = "ZQG2023-2201", Fresh = "ZQG2024-3307";

    public async ValueTask InitializeAsync() => _site = await FilingSite.CreateAsync(site, "ZqLapsed");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_instrument_past_its_window_shows_the_filing_lapsed_in_the_library_and_is_filed_again()
    {
        // Filed 30 days ago (window: 10 days), valid for another year (window: the last month): outside both today.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var meter = await _site.InstrumentAsync(Lapsed);
        var lapsed = meter.ContentItemId;
        Assert.Equal(FilingStatus.Filed, meter.FilingStatus);
        await _site.InTenantAsync(async s =>
        {
            var change = new InstrumentChange(FiledOn: today.AddDays(-30), ValidUntil: today.AddYears(1));
            Assert.True(await s.GetRequiredService<ContentManager>().UnitOfWorkAsync(async () =>
                (await s.GetRequiredService<IInstrumentRecords>().ChangeAsync(meter.EnterpriseId, lapsed, change, "t")).Count == 0));
            return 0;
        });

        using var gas = await _site.SignInAsync(FilingSite.Gas);
        var library = (await gas.GetDocumentAsync($"{_site.Prefix}/my/instruments?serial=ZQG20")).QuerySelector("#instruments")!;
        var rows = library.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("input[name=Selected]")!.GetAttribute("value")!, r => r.QuerySelector(".instrument-status")!.TextContent.Trim());
        Assert.Equal("备案已失效", rows[lapsed]);
        var fresh = await _site.InstrumentIdAsync(Fresh);
        Assert.Equal("已备案", rows[fresh]);

        var (added, refused) = await _site.InTenantAsync(async s =>
        {
            var enterprise = (await s.GetRequiredService<IEnterpriseDirectory>().FindByMobileAsync(FilingSite.Gas))!;
            var filings = s.GetRequiredService<FilingService>();
            var institution = (await s.GetRequiredService<Metrology.Core.Reference.IReferenceData>().InstitutionsAsync()).First(i => i.Name == "肇庆市质量计量监督检测所").Id;
            var (draft, _) = await filings.CreateDraftAsync(enterprise, institution, "肇庆市端州区示例大道 3 号", "t");
            return (await filings.AddAsync(enterprise.Id, draft!, [lapsed], "t"), await filings.AddAsync(enterprise.Id, draft!, [fresh], "t"));
        });
        Assert.True(added.Succeeded, string.Join("；", added.Errors.Select(e => e.Message)));
        Assert.Contains("备案只需一次", Assert.Single(refused.Errors).Message);
    }
}
