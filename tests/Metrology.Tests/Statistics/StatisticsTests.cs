using System.Net;
using Metrology.Core.Data;
using Metrology.Core.Instruments;
using Metrology.Core.Statistics;
using Metrology.Statistics.Models;
using Metrology.Tests.Filings;
using Metrology.Tests.Infrastructure;
using Metrology.Tests.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Statistics;

/// <summary>业务统计: a known data set, counted by hand, read back by period, institution and each breakdown; and facts recorded by the real process.</summary>
public sealed class StatisticsTests(SiteFactory site) : IAsyncLifetime
{
    private FilingSite _site = null!;
    private int _own, _other;

    public async ValueTask InitializeAsync()
    {
        _site = await FilingSite.CreateAsync(site, "Stats");
        (_own, _other) = await _site.InTenantAsync(async s =>
        {
            var ids = await s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
            return (ids[0], ids[0] + 1000);
        });
        // 2025: before the demo data (recorded on the day the tenant is made), so the period holds only this set.
        await _site.InTenantAsync(async s =>
        {
            var facts = s.GetRequiredService<IProcessFacts>();
            void Add(ProcessStep step, int institution, string day, string? region = null, string? catalog = null, int? usage = null, int? kind = null,
                bool? passed = null, int? turnaround = null, bool? late = null) =>
                facts.Record(new ProcessFact(step, institution, 1, "i", DateOnly.Parse(day), region, catalog, usage, kind, passed, turnaround, late));
            Add(ProcessStep.FilingSubmitted, _own, "2025-01-10", "441202", "S0301", 4);
            Add(ProcessStep.FilingSubmitted, _own, "2025-01-10", "441202", "S0301", 4);
            Add(ProcessStep.FilingSubmitted, _own, "2025-01-11", "441203", "S0101", 2);
            Add(ProcessStep.FilingAccepted, _own, "2025-01-12", "441202", "S0301", 4);
            Add(ProcessStep.FilingAccepted, _own, "2025-01-12", "441202", "S0301", 4);
            Add(ProcessStep.FilingRejected, _own, "2025-01-31", "441203", "S0101", 2);
            Add(ProcessStep.Booked, _own, "2025-02-01", kind: 1);
            Add(ProcessStep.Booked, _own, "2025-02-03", kind: 3);
            Add(ProcessStep.Received, _own, "2025-02-05", "441202", "S0301", 4);
            Add(ProcessStep.Received, _own, "2025-02-05", "441202", "S0301", 4);
            Add(ProcessStep.Verified, _own, "2025-02-10", "441202", "S0301", 4, passed: true, turnaround: 3, late: false);
            Add(ProcessStep.Verified, _own, "2025-02-28", "441202", "S0301", 4, passed: false, turnaround: 7, late: true);
            Add(ProcessStep.CertificateIssued, _own, "2025-02-10", "441202", "S0301", 4);
            // Another institution's work, and our own outside the period: never counted.
            for (var n = 0; n < 5; n++) Add(ProcessStep.Received, _other, "2025-02-05", "441202", "S0301", 4);
            Add(ProcessStep.Received, _own, "2024-12-31", "441202", "S0301", 4);
            Add(ProcessStep.Received, _own, "2026-01-01", "441202", "S0301", 4);
            await s.GetRequiredService<TenantDbContext>().SaveChangesAsync();
            return 0;
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Query(string by) => $"/admin/statistics?from=2025-01-01&to=2025-12-31&by={by}";

    private static List<string> Row(AngleSharp.Dom.IDocument page, string key) =>
        page.QuerySelector($"#breakdown tbody tr[data-key='{key}']")!.QuerySelectorAll("td").Skip(1).Take(10).Select(td => td.TextContent.Trim()).ToList();

    /// <summary>The 逾期未检 cell of a breakdown row, 0 when the row is not there.</summary>
    private static int Overdue(AngleSharp.Dom.IDocument page, string key) =>
        page.QuerySelector($"#breakdown tbody tr[data-key='{key}']") is { } row ? int.Parse(row.QuerySelectorAll("td")[11].TextContent) : 0;

    [Fact]
    public async Task A_known_data_set_reads_back_as_counted_by_hand_in_every_breakdown_and_only_for_the_staffs_institution()
    {
        using var staff = await _site.ReviewerAsync("tongji");

        var months = await staff.GetDocumentAsync(_site.Prefix + Query("Month"));
        // 备案提交, 受理, 不予受理, 约检, 接收, 检定完成, 合格, 合格率, 超期完成, 证书
        Assert.Equal(["3", "2", "1", "0", "0", "0", "0", "—", "0", "0"], Row(months, "202501"));
        Assert.Equal(["0", "0", "0", "2", "2", "2", "1", "50.0%", "1", "1"], Row(months, "202502"));
        Assert.Equal(2, months.QuerySelectorAll("#breakdown tbody tr").Length);
        Assert.Equal(["3", "2", "1", "2", "2", "2", "1", "50.0%", "1", "1"], months.QuerySelectorAll("#total-row td").Skip(1).Take(10).Select(td => td.TextContent.Trim()));
        Assert.Equal("5.0 / 7", months.QuerySelector("#total-turnaround")!.TextContent.Trim());
        Assert.Contains("自助送检 1，预约送检 0，预约现场检定 1", months.QuerySelector("#booked-by-kind")!.TextContent);
        Assert.NotNull(months.QuerySelector("canvas#statistics-chart[data-chart]"));

        var regions = await staff.GetDocumentAsync(_site.Prefix + Query("Region"));
        Assert.Equal(["2", "2", "0", "0", "2", "2", "1", "50.0%", "1", "1"], Row(regions, "441202"));
        Assert.Equal(["1", "0", "1", "0", "0", "0", "0", "—", "0", "0"], Row(regions, "441203"));
        Assert.Equal("0", Row(regions, "")[0]); // the bookings carry no region
        var usages = await staff.GetDocumentAsync(_site.Prefix + Query("Usage"));
        Assert.StartsWith("贸易结算", usages.QuerySelector("#breakdown tbody tr[data-key='4'] td")!.TextContent.Trim());
        Assert.Equal(["1", "0", "1", "0", "0", "0", "0", "—", "0", "0"], Row(usages, "2"));
        var catalog = await staff.GetDocumentAsync(_site.Prefix + Query("Catalog"));
        Assert.Equal(["2", "2", "0", "0", "2", "2", "1", "50.0%", "1", "1"], Row(catalog, "S0301"));

        // Staff cannot widen their scope by asking for another institution.
        var other = await staff.GetDocumentAsync(_site.Prefix + Query("Month") + $"&institution={_other}");
        Assert.Equal("2", other.QuerySelectorAll("#total-row td")[5].TextContent.Trim());

        var export = await staff.Client.GetAsync(_site.Prefix + Query("Region") + "&handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = Metrology.Excel.XlsxReader.ReadRows(await export.Content.ReadAsStreamAsync()).ToList();
        Assert.Contains(sheet, r => r[0] is { } key && key.StartsWith("441202") && r[5] == "2");
        Assert.Contains(sheet, r => r[0] == "合计" && r[1] == "3");
    }

    [Fact]
    public async Task Instruments_overdue_today_are_counted_by_region_and_by_the_month_of_their_valid_until_but_not_one_due_today()
    {
        var today = await _site.InTenantAsync(s => Task.FromResult(DateOnly.FromDateTime(s.GetRequiredService<TimeProvider>().GetLocalNow().DateTime)));
        var period = $"/admin/statistics?from={today.AddYears(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}&by=";
        using var staff = await _site.ReviewerAsync("tongji-overdue");
        var institution = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<Metrology.ReferenceData.Models.Institution>()
            .Where(i => i.Id == _own).Select(i => i.Name).SingleAsync());
        var serials = Enumerable.Range(0, 3).Select(n => $"OD-{n}-" + Guid.NewGuid().ToString("N")[..6]).ToArray();
        var ids = await _site.FiledInstrumentsAsync(FilingSite.Gas, institution, serials);
        var region = (await _site.InstrumentAsync(serials[0])).RegionCode!;
        var lapsedMonth = (today.AddDays(-1).Year * 100 + today.AddDays(-1).Month).ToString();
        async Task<(int Now, int Region, int Month)> ReadAsync()
        {
            var regions = await staff.GetDocumentAsync(_site.Prefix + period + "Region");
            var months = await staff.GetDocumentAsync(_site.Prefix + period + "Month");
            return (int.Parse(regions.QuerySelector("#total-overdue")!.TextContent), Overdue(regions, region), Overdue(months, lapsedMonth));
        }
        var before = await ReadAsync();

        // Mandatory and valid until yesterday: overdue. Valid until today: not yet. Not mandatory: never.
        await _site.InTenantAsync(async s =>
        {
            var records = s.GetRequiredService<IInstrumentRecords>();
            Assert.Empty(await records.ChangeAnyAsync(ids[0], new InstrumentChange(Mandatory: true, ValidUntil: today.AddDays(-1)), "t"));
            Assert.Empty(await records.ChangeAnyAsync(ids[1], new InstrumentChange(Mandatory: true, ValidUntil: today), "t"));
            Assert.Empty(await records.ChangeAnyAsync(ids[2], new InstrumentChange(Mandatory: false, ValidUntil: today.AddDays(-30)), "t"));
            await s.GetRequiredService<TenantDbContext>().SaveChangesAsync();
            return 0;
        });
        Assert.Equal((before.Now + 1, before.Region + 1, before.Month + 1), await ReadAsync());
    }

    [Fact]
    public async Task The_host_administrator_sees_all_institutions_or_one_and_a_bad_period_is_explained()
    {
        using var admin = await _site.SignInAsync("admin");
        var all = await admin.GetDocumentAsync(_site.Prefix + Query("Month"));
        Assert.Equal("7", all.QuerySelectorAll("#total-row td")[5].TextContent.Trim());
        var own = await admin.GetDocumentAsync(_site.Prefix + Query("Month") + $"&institution={_own}");
        Assert.Equal("2", own.QuerySelectorAll("#total-row td")[5].TextContent.Trim());

        var backwards = await admin.GetDocumentAsync(_site.Prefix + "/admin/statistics?from=2025-12-31&to=2025-01-01");
        Assert.Contains("开始日期不能晚于结束日期", backwards.QuerySelector("#problem")!.TextContent);
        Assert.Null(backwards.QuerySelector("#breakdown"));
    }

    [Fact]
    public async Task Submitting_and_reviewing_a_filing_records_its_facts_and_an_enterprise_is_refused_the_page()
    {
        using var enterprise = await _site.SignInAsync(FilingSite.Gas);
        var serial = "ST-" + Guid.NewGuid().ToString("N")[..6];
        var instrument = await _site.AddInstrumentAsync(enterprise, FilingSite.Instrument(serial));
        var filing = await _site.DraftAsync(enterprise);
        var page = $"/my/filings/{filing}";
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(enterprise, page, "Add", ("Selected", instrument))).StatusCode);
        var part = await _site.FilingAsync(filing);
        var lines = part.Lines.SelectMany((l, i) => new[]
        {
            ($"Lines[{i}].InstrumentId", l.InstrumentId), ($"Lines[{i}].CatalogCode", l.CatalogCode ?? ""), ($"Lines[{i}].Usage", l.Usage?.ToString() ?? ""),
            ($"Lines[{i}].Method", l.Method?.ToString() ?? ""), ($"Lines[{i}].Department", l.Department ?? ""), ($"Lines[{i}].Location", "一号泵房"),
        }).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(enterprise, page, "Submit", lines)).StatusCode);
        using var clerk = await _site.ReviewerAsync("tongji-review");
        Assert.Equal(HttpStatusCode.Redirect, (await _site.PostAsync(clerk, $"/admin/filings/{filing}", "Accept", ("Selected", instrument))).StatusCode);

        var facts = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<ProcessFactRow>().AsNoTracking()
            .Where(f => f.InstrumentId == instrument).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([ProcessStep.FilingSubmitted, ProcessStep.FilingAccepted], facts.Select(f => f.Step));
        Assert.All(facts, f => Assert.Equal(("441202", "S0301", (int?)4, part.InstitutionId), (f.RegionCode, f.CatalogCode, f.Usage, f.InstitutionId)));

        var refused = await enterprise.Client.GetAsync(_site.Prefix + "/admin/statistics");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
    [Fact]
    public async Task The_demos_reception_sign_off_and_certificates_record_their_facts_with_turnaround_and_conclusion()
    {
        // Recipe: 13800000004's five instruments received; ZQJ2025-0104 approved as a pass, ZQB2025-0105 as a fail, both certified.
        var serials = new[] { "ZQT2025-0101", "ZQY2025-0102", "ZQS2025-0103", "ZQJ2025-0104", "ZQB2025-0105" };
        var ids = new Dictionary<string, string>();
        foreach (var serial in serials) ids[(await _site.InstrumentAsync(serial)).ContentItemId] = serial;
        var facts = await _site.InTenantAsync(s => s.GetRequiredService<TenantDbContext>().Set<ProcessFactRow>().AsNoTracking()
            .Where(f => ids.Keys.Contains(f.InstrumentId!) && f.Step >= ProcessStep.Received).ToListAsync());
        Assert.Equal(serials.Order(), facts.Where(f => f.Step == ProcessStep.Received).Select(f => ids[f.InstrumentId!]).Order());
        var verified = facts.Where(f => f.Step == ProcessStep.Verified).ToDictionary(f => ids[f.InstrumentId!]);
        Assert.Equal(["ZQB2025-0105", "ZQJ2025-0104"], verified.Keys.Order());
        Assert.Equal((true, 0, false), (verified["ZQJ2025-0104"].Passed, verified["ZQJ2025-0104"].TurnaroundDays, verified["ZQJ2025-0104"].Late));
        Assert.False(verified["ZQB2025-0105"].Passed);
        // ZQJ2025-0104's certificate was corrected and issued again (the Certificates step): a second one.
        Assert.Equal(["ZQB2025-0105", "ZQJ2025-0104", "ZQJ2025-0104"], facts.Where(f => f.Step == ProcessStep.CertificateIssued).Select(f => ids[f.InstrumentId!]).Order());
        Assert.All(facts, f => Assert.False(string.IsNullOrEmpty(f.CatalogCode)));
    }
}
