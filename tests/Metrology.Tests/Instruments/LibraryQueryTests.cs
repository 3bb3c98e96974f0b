using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>
/// The library's filters, sort and cursor, read from the query string by hand (not bound): typed values, a repeated key,
/// and values that do not parse, which are left out without an error.
/// </summary>
public sealed class LibraryQueryTests(SiteFactory sqlite)
{
    private const string Water = "13800000001";

    [Fact]
    public async Task The_query_strings_filters_are_read_as_typed_and_values_that_do_not_parse_are_left_out()
    {
        var tenant = await sqlite.CreateTenantAsync("KeysetQuery");
        var prefix = "/" + tenant.RequestUrlPrefix;
        var (mine, _) = await LibraryPagingTests.SeedAsync(sqlite, tenant, 60, "kq");
        using var water = sqlite.Browser();
        await water.LoginAsync(prefix, Water, SiteFactory.AdminPassword);
        async Task<List<string>> ExpectedAsync(InstrumentFilter filter) => await LibraryPagingTests.InTenantAsync(sqlite, tenant, s =>
            s.GetRequiredService<InstrumentLibrary>().Query(mine, filter).Select(i => i.SerialNumber).Take(20).ToListAsync());
        static List<string> Shown(IDocument d) => d.QuerySelectorAll("#instruments tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()).ToList();

        // Every kind of value: text, a number, a flag, an enum by name in any case, dates; a repeated key counts its first value.
        var typed = await water.GetDocumentAsync($"{prefix}/my/instruments?name=压力表1&name=压力表2&usage=2&mandatory=false&filing=filed&validFrom=2026-01-02&validTo=2026-01-08&sort=-serial");
        var filter = new InstrumentFilter { Name = "压力表1", Usage = 2, Mandatory = false, Filing = FilingStatus.Filed, ValidFrom = new DateOnly(2026, 1, 2), ValidTo = new DateOnly(2026, 1, 8), Sort = "-serial" };
        Assert.Equal(await ExpectedAsync(filter), Shown(typed));
        Assert.Equal("压力表1", typed.QuerySelector<IHtmlInputElement>("#name")!.Value);
        Assert.Equal("2", typed.QuerySelector<IHtmlSelectElement>("#usage")!.Value);
        Assert.Equal("false", typed.QuerySelector<IHtmlSelectElement>("#mandatory")!.Value);
        Assert.Equal("Filed", typed.QuerySelector<IHtmlSelectElement>("#filing")!.Value);
        Assert.Equal("2026-01-02", typed.QuerySelector<IHtmlInputElement>("#validFrom")!.Value);

        // Values that do not parse are left out (the whole library, newest first), never an error.
        foreach (var junk in new[] { "usage=abc&mandatory=maybe&filing=99&validFrom=2026-13-45&createdTo=x&p=-&n=abc&last=perhaps&after=&sort=",
                     "usage=99999999999&filing=Filed,Lapsed&validTo=%00&name=" })
        {
            var response = await water.GetAsync($"{prefix}/my/instruments?{junk}");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var page = await TestBrowser.ParseAsync(response);
            Assert.Equal(await ExpectedAsync(new InstrumentFilter()), Shown(page));
            Assert.Equal("", page.QuerySelector<IHtmlSelectElement>("#usage")!.Value);
        }
    }
}
