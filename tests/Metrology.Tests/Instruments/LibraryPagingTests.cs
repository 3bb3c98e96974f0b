using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Metrology.Core.Data;
using Metrology.Core.Enterprises;
using Metrology.Core.Tenants;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>
/// Keyset paging of the library: walking next (and previous) through any sort, with many equal sort values and NULLs,
/// visits exactly the rows of the list's order once each, keeps the filters, and never shows another enterprise's rows,
/// even when a cursor names one. The use case on SQLite and on PostgreSQL (when METROLOGY_TEST_POSTGRES names a server);
/// the page's links on SQLite.
/// </summary>
public sealed class LibraryPagingTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    private const string Water = "13800000001", Hospital = "13800000002";

    private static readonly string[] Sorts =
    [
        "", "name", "-name", "model", "serial", "-serial", "own", "-own", "catalog", "department", "-department", "usage", "-usage",
        "mandatory", "-mandatory", "filing", "-filing", "valid", "-valid", "created", "-created",
    ];

    internal static async Task<T> InTenantAsync<T>(SiteFactory site, TenantSettings tenant, Func<IServiceProvider, Task<T>> work)
    {
        T result = default!;
        await site.Services.GetRequiredService<TenantScopes>().RunAsync(tenant, async s => result = await work(s));
        return result;
    }

    /// <summary>
    /// <paramref name="count"/> index rows for the enterprise, few distinct values per column (ties everywhere: equal
    /// creation times too) and NULLs in the nullable ones; the same values for <paramref name="twin"/>, interleaved.
    /// </summary>
    internal static async Task<(int Mine, int Twin)> SeedAsync(SiteFactory site, TenantSettings tenant, int count, string prefix)
    {
        return await InTenantAsync(site, tenant, async s =>
        {
            var directory = s.GetRequiredService<IEnterpriseDirectory>();
            var mine = (await directory.FindByMobileAsync(Water))!.Id;
            var twin = (await directory.FindByMobileAsync(Hospital))!.Id;
            var db = s.GetRequiredService<TenantDbContext>();
            var start = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            foreach (var enterprise in new[] { mine, twin })
                for (var i = 0; i < count; i++)
                    db.Add(new InstrumentIndex
                    {
                        ContentItemId = $"{prefix}{(enterprise == mine ? "m" : "t")}{(i * 7919 % count):D5}",
                        EnterpriseId = enterprise, Name = "压力表" + i % 3, ModelSpec = "Y-" + i % 2, SerialNumber = $"{prefix}-{i % 40:D3}-{i}",
                        OwnNumber = i % 4 == 0 ? null : "Z" + i % 5, CatalogCode = i % 6 == 0 ? null : "S0" + (101 + i % 3),
                        Department = i % 5 == 0 ? null : i % 2 == 0 ? "计量室" : "供水部", Usage = i % 7 == 0 ? null : 1 + i % 4,
                        Mandatory = i % 2 == 0, FilingStatus = (FilingStatus)(i % 4), Active = i % 11 != 0,
                        ValidUntil = i % 3 == 0 ? null : new DateOnly(2026, 1, 1).AddDays(i % 9), CreatedUtc = start.AddMinutes(i % 10),
                        IdentityKey = $"{prefix}{enterprise}-{i}",
                    });
            await db.SaveChangesAsync();
            return (mine, twin);
        });
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Next_and_previous_visit_every_row_of_the_order_once_across_equal_sort_values_and_nulls_with_the_filters_kept(string provider)
    {
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var tenant = await site.CreateTenantAsync("Keyset");
        var (mine, twin) = await SeedAsync(site, tenant, 90, "ks");
        await InTenantAsync(site, tenant, async s =>
        {
            var library = s.GetRequiredService<InstrumentLibrary>();
            var theirs = await s.GetRequiredService<TenantDbContext>().Set<InstrumentIndex>().Where(i => i.EnterpriseId == twin).Select(i => i.ContentItemId).ToListAsync();
            var filters = Sorts.Select(sort => new InstrumentFilter { Sort = sort })
                .Append(new InstrumentFilter { Department = "计量室", Sort = "-valid" })
                .Append(new InstrumentFilter { Name = "压力表1", Mandatory = false, Sort = "own" })
                .Append(new InstrumentFilter { Active = false, Sort = "usage" })
                // As the library opens (no sort asked for: its first page is a compiled query), and its deactivated part.
                .Append(new InstrumentFilter()).Append(new InstrumentFilter { Active = false })
                // The benchmark's filtered pages: a name and a usage sorted by serial; a valid-until range (NULLs out) under the default sort and by date.
                .Append(new InstrumentFilter { Name = "压力表", Usage = 2, Sort = "serial" })
                .Append(new InstrumentFilter { ValidFrom = new DateOnly(2026, 1, 2), ValidTo = new DateOnly(2026, 1, 7), Mandatory = true })
                .Append(new InstrumentFilter { ValidFrom = new DateOnly(2026, 1, 2), Sort = "-valid" });
            foreach (var filter in filters)
            {
                // The reference: the list's order as one query (what OFFSET paging read).
                var expected = await library.Query(mine, filter).Select(i => i.ContentItemId).ToListAsync();
                Assert.True(expected.Count > 7, filter.ToString());

                var forward = new List<string>();
                var page = await library.PageAsync(mine, filter, new LibraryCursor(), 7);
                Assert.False(page.HasPrevious);
                while (true)
                {
                    Assert.Equal(expected.Count, page.Count); // on every page, counted with the page's rows
                    forward.AddRange(page.Rows.Select(r => r.ContentItemId));
                    if (!page.HasNext) break;
                    page = await library.PageAsync(mine, filter, new LibraryCursor(After: page.Rows[^1].ContentItemId), 7);
                    Assert.True(page.HasPrevious);
                }
                Assert.Equal(expected, forward);
                Assert.Equal(expected.Count, page.Count);

                // From the last page back: every page is a run of the order, and the walk ends on the first page.
                page = await library.PageAsync(mine, filter, new LibraryCursor(Last: true), 7);
                Assert.False(page.HasNext);
                Assert.Equal(expected.TakeLast(7), page.Rows.Select(r => r.ContentItemId));
                var seen = new HashSet<string>();
                while (true)
                {
                    var ids = page.Rows.Select(r => r.ContentItemId).ToList();
                    var at = expected.IndexOf(ids[0]);
                    Assert.Equal(expected.Skip(at).Take(ids.Count), ids);
                    seen.UnionWith(ids);
                    Assert.Equal(expected.Count, page.Count);
                    if (!page.HasPrevious) { Assert.Equal(expected.Take(7), ids); break; }
                    page = await library.PageAsync(mine, filter, new LibraryCursor(Before: ids[0]), 7);
                    Assert.True(page.HasNext);
                }
                Assert.Equal(expected.Count, seen.Count);
                Assert.Empty(forward.Intersect(theirs));
            }

            // A cursor naming another enterprise's row is not followed: the first page of the enterprise's own.
            var first = await library.PageAsync(mine, new InstrumentFilter(), new LibraryCursor(), 7);
            foreach (var cursor in new[] { new LibraryCursor(After: theirs[0]), new LibraryCursor(Before: theirs[1]), new LibraryCursor(After: "no-such-row") })
            {
                var page = await library.PageAsync(mine, new InstrumentFilter(), cursor, 7);
                Assert.False(page.HasPrevious);
                Assert.Equal(first.Rows.Select(r => r.ContentItemId), page.Rows.Select(r => r.ContentItemId));
            }
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task The_count_comes_with_every_page_exact_for_the_whole_library_bounded_for_a_filter_and_an_empty_page_or_list_still_counts(string provider)
    {
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var tenant = await site.CreateTenantAsync("KeysetCount");
        var (mine, _) = await SeedAsync(site, tenant, 1_120, "kc");
        await InTenantAsync(site, tenant, async s =>
        {
            var library = s.GetRequiredService<InstrumentLibrary>();
            // The whole library, more than a thousand: every page, a deep one, the last and one before it give the exact count
            // (the enterprise's kept count, ADR 0025), whatever count a link carried.
            foreach (var all in new[] { new InstrumentFilter { Sort = "-valid" }, new InstrumentFilter() })
            {
                var order = await library.Query(mine, all).Select(i => i.ContentItemId).ToListAsync();
                Assert.True(order.Count > InstrumentLibrary.CountBound);
                foreach (var at in new[] { new LibraryCursor(), new LibraryCursor(After: order[20]), new LibraryCursor(After: order[^30], Count: 7), new LibraryCursor(Last: true, Count: 1001), new LibraryCursor(Before: order[^5]) })
                {
                    var page = await library.PageAsync(mine, all, at, 20);
                    Assert.Equal(order.Count, page.Count);
                    Assert.False(page.CountIsLowerBound);
                    Assert.NotEmpty(page.Rows);
                }
                Assert.Empty((await library.PageAsync(mine, all, new LibraryCursor(After: order[^1]), 20)).Rows);
                Assert.Equal(order.Count, (await library.PageAsync(mine, all, new LibraryCursor(After: order[^1]), 20)).Count);
            }

            // A filtered list counts to its own, lower bound: "more than 200" where 1,000 or more match too.
            var named = new InstrumentFilter { Name = "压力表", Sort = "serial" };
            Assert.Equal(InstrumentLibrary.FilteredCountBound, named.CountBound);
            Assert.True(await library.Query(mine, named).CountAsync() > InstrumentLibrary.CountBound);
            var namedOrder = await library.Query(mine, named).Select(i => i.ContentItemId).ToListAsync();
            foreach (var at in new[] { new LibraryCursor(), new LibraryCursor(After: namedOrder[500], Count: InstrumentLibrary.FilteredCountBound + 1) })
            {
                var page = await library.PageAsync(mine, named, at, 20);
                Assert.Equal(InstrumentLibrary.FilteredCountBound + 1, page.Count);
                Assert.True(page.CountIsLowerBound);
                Assert.Equal(namedOrder.Skip(at.After is null ? 0 : 501).Take(20), page.Rows.Select(r => r.ContentItemId));
            }
            // A carried count no page of a filtered list could have taken (an old link's 1,001) is counted again.
            Assert.Equal(InstrumentLibrary.FilteredCountBound + 1,
                (await library.PageAsync(mine, named, new LibraryCursor(After: namedOrder[500], Count: InstrumentLibrary.CountBound + 1), 20)).Count);

            // Fewer than the bound: the exact count, also on a page after the list's last row (no rows: counted apart).
            var some = new InstrumentFilter { Department = "计量室", Usage = 3, Sort = "own" };
            var expected = await library.Query(mine, some).Select(i => i.ContentItemId).ToListAsync();
            Assert.InRange(expected.Count, 41, some.CountBound);
            var beyond = await library.PageAsync(mine, some, new LibraryCursor(After: expected[^1]), 20);
            Assert.Empty(beyond.Rows);
            Assert.Equal(expected.Count, beyond.Count);
            Assert.False(beyond.HasNext);
            var middle = await library.PageAsync(mine, some, new LibraryCursor(After: expected[19]), 20);
            Assert.Equal(expected.Skip(20).Take(20), middle.Rows.Select(r => r.ContentItemId));
            Assert.Equal(expected.Count, middle.Count);

            // A page after a row or at the end shows the count its link carried (the first page's) without counting; the
            // first page, a count no page could have taken and a cursor row that is gone count again.
            var carried = await library.PageAsync(mine, some, new LibraryCursor(After: expected[19], Count: 7), 20);
            Assert.Equal(7, carried.Count);
            Assert.Equal(expected.Skip(20).Take(20), carried.Rows.Select(r => r.ContentItemId));
            Assert.Equal(7, (await library.PageAsync(mine, some, new LibraryCursor(Last: true, Count: 7), 20)).Count);
            foreach (var recount in new[] { new LibraryCursor(Count: 7), new LibraryCursor(After: expected[19], Count: some.CountBound + 2),
                         new LibraryCursor(After: expected[19], Count: -1), new LibraryCursor(After: "kc-gone", Count: 7) })
                Assert.Equal(expected.Count, (await library.PageAsync(mine, some, recount, 20)).Count);

            // Nothing matches: no rows, a count of 0.
            var none = await library.PageAsync(mine, new InstrumentFilter { Name = "没有这种器具" }, new LibraryCursor(), 20);
            Assert.Empty(none.Rows);
            Assert.Equal(0, none.Count);
            Assert.False(none.HasNext || none.HasPrevious);
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task With_more_matches_than_the_bound_a_valid_until_range_read_in_the_sorts_order_gives_the_same_rows_without_nulls(string provider)
    {
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var tenant = await site.CreateTenantAsync("KeysetMany");
        var (mine, _) = await SeedAsync(site, tenant, 400, "km");
        await InTenantAsync(site, tenant, async s =>
        {
            var library = s.GetRequiredService<InstrumentLibrary>();
            var from = new DateOnly(2026, 1, 3);
            var to = new DateOnly(2026, 1, 7);
            foreach (var filter in new[]
                     {
                         new InstrumentFilter { ValidFrom = from, ValidTo = to }, new InstrumentFilter { ValidFrom = from, Sort = "name" },
                         new InstrumentFilter { ValidTo = to, Mandatory = true, Sort = "-serial" }, new InstrumentFilter { ValidFrom = from, ValidTo = to, Sort = "-valid" },
                         new InstrumentFilter { ValidFrom = DateOnly.MinValue, ValidTo = DateOnly.MaxValue, Sort = "own" },
                     })
            {
                var expected = await library.Query(mine, filter).Select(i => i.ContentItemId).ToListAsync();
                Assert.InRange(expected.Count, 41, 399);
                // As a later page's link carries a count past the bound (the first page said "超过 200 台").
                var page = await library.PageAsync(mine, filter, new LibraryCursor(), 20);
                var seen = page.Rows.Select(r => r.ContentItemId).ToList();
                while (page.HasNext)
                {
                    page = await library.PageAsync(mine, filter, new LibraryCursor(After: seen[^1], Count: filter.CountBound + 1), 20);
                    Assert.Equal(filter.CountBound + 1, page.Count);
                    seen.AddRange(page.Rows.Select(r => r.ContentItemId));
                }
                Assert.Equal(expected, seen);
                var last = await library.PageAsync(mine, filter, new LibraryCursor(Last: true, Count: filter.CountBound + 1), 20);
                Assert.Equal(expected.TakeLast(last.Rows.Count), last.Rows.Select(r => r.ContentItemId));
            }
            return 0;
        });
    }

    [Fact]
    public async Task The_page_links_go_next_previous_first_and_last_keeping_the_filters_and_a_filtered_count_stops_at_its_bound()
    {
        var tenant = await sqlite.CreateTenantAsync("KeysetPage");
        var prefix = "/" + tenant.RequestUrlPrefix;
        var (mine, _) = await SeedAsync(sqlite, tenant, 1_210, "kp");
        using var water = sqlite.Browser();
        await water.LoginAsync(prefix, Water, SiteFactory.AdminPassword);

        var expected = await InTenantAsync(sqlite, tenant, s => s.GetRequiredService<InstrumentLibrary>()
            .Query(mine, new InstrumentFilter { Department = "计量室", Usage = 3, Sort = "-serial" }).Select(i => i.SerialNumber).ToListAsync());
        Assert.InRange(expected.Count, 101, InstrumentLibrary.FilteredCountBound);
        var document = await water.GetDocumentAsync($"{prefix}/my/instruments?department=计量室&usage=3&sort=-serial");
        Assert.Contains($"共 {expected.Count} 台", document.QuerySelector("#instruments-form")!.TextContent);
        var serials = new List<string>();
        for (var n = 1; ; n++)
        {
            serials.AddRange(document.QuerySelectorAll("#instruments tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()));
            Assert.Equal("计量室", document.QuerySelector<IHtmlSelectElement>("#department")!.Value);
            Assert.Equal("3", document.QuerySelector<IHtmlSelectElement>("#usage")!.Value);
            Assert.Equal(n.ToString(), document.QuerySelector(".pagination .active")!.TextContent.Trim());
            Assert.Contains($"共 {expected.Count} 台", document.QuerySelector("#instruments-form")!.TextContent);
            var next = document.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!;
            if (next.ParentElement!.ClassList.Contains("disabled")) break;
            Assert.Contains("after=", next.Search);
            Assert.Contains($"n={expected.Count}", next.Search);
            document = await water.GetDocumentAsync(next.PathName + next.Search);
        }
        Assert.Equal(expected, serials);

        // Back one page from the last, then to the first.
        var previous = document.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=prev]")!;
        var back = await water.GetDocumentAsync(previous.PathName + previous.Search);
        var lastStart = (serials.Count - 1) / 20 * 20;
        Assert.Equal(expected.Skip(lastStart - 20).Take(20),
            back.QuerySelectorAll("#instruments tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()));
        var firstLink = back.QuerySelectorAll<IHtmlAnchorElement>(".pagination a").Single(a => a.TextContent.Trim() == "首页");
        var first = await water.GetDocumentAsync(firstLink.PathName + firstLink.Search);
        Assert.Equal(expected.Take(20), first.QuerySelectorAll("#instruments tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()));
        Assert.True(first.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=prev]")!.ParentElement!.ClassList.Contains("disabled"));

        // A count edited into a link: a number is shown as given (it only ever misleads the one who typed it), anything else is counted.
        var second = first.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!;
        var edited = await water.GetDocumentAsync(second.PathName + second.Search.Replace($"n={expected.Count}", "n=5"));
        Assert.Contains("共 5 台", edited.QuerySelector("#instruments-form")!.TextContent);
        foreach (var junk in new[] { "n=abc", "n=99999999", "n=-3", "n=" })
        {
            var recounted = await water.GetDocumentAsync(second.PathName + second.Search.Replace($"n={expected.Count}", junk));
            Assert.Contains($"共 {expected.Count} 台", recounted.QuerySelector("#instruments-form")!.TextContent);
        }

        // The whole library, more than a thousand: its exact count (kept by the database, so no link carries it), and the
        // last page's number.
        var total = await InTenantAsync(sqlite, tenant, s => s.GetRequiredService<InstrumentLibrary>().Query(mine, new InstrumentFilter()).CountAsync());
        Assert.True(total > InstrumentLibrary.CountBound);
        var all = await water.GetDocumentAsync($"{prefix}/my/instruments");
        Assert.Contains($"共 {total} 台", all.QuerySelector("#instruments-form")!.TextContent);
        Assert.DoesNotContain("导出当前筛选可得全部", all.QuerySelector("#instruments-form")!.TextContent);
        Assert.DoesNotContain("n=", all.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!.Search);
        var lastLink = all.QuerySelectorAll<IHtmlAnchorElement>(".pagination a").Single(a => a.TextContent.Trim() == "末页");
        var last = await water.GetDocumentAsync(lastLink.PathName + lastLink.Search);
        Assert.Contains($"共 {total} 台", last.QuerySelector("#instruments-form")!.TextContent);
        Assert.Equal(((total + 19) / 20).ToString(), last.QuerySelector(".pagination .active")!.TextContent.Trim());
        Assert.True(last.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!.ParentElement!.ClassList.Contains("disabled"));

        // A filter that more than its bound match: "more than 200", carried to the next page as 201.
        var department = await water.GetDocumentAsync($"{prefix}/my/instruments?department=计量室");
        Assert.Contains($"超过 {InstrumentLibrary.FilteredCountBound} 台，导出当前筛选可得全部", department.QuerySelector("#instruments-form")!.TextContent);
        var onward = department.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!;
        Assert.Contains($"n={InstrumentLibrary.FilteredCountBound + 1}", onward.Search);
        var page2 = await water.GetDocumentAsync(onward.PathName + onward.Search);
        Assert.Contains($"超过 {InstrumentLibrary.FilteredCountBound} 台", page2.QuerySelector("#instruments-form")!.TextContent);
        Assert.Equal("2", page2.QuerySelector(".pagination .active")!.TextContent.Trim());

        // The page's export link carries the filter, and so do the links beside it in the tenant's path.
        var links = department.QuerySelectorAll<IHtmlAnchorElement>("main a.btn").ToDictionary(a => a.TextContent.Trim(), a => a.PathName + a.Search);
        Assert.Equal($"{prefix}/my/instruments/edit", links["新增器具"]);
        Assert.Equal($"{prefix}/my/instruments/deactivated", links["停用库"]);
        Assert.StartsWith($"{prefix}/my/instruments?", links["导出当前筛选"]);
        Assert.Contains("handler=Export", links["导出当前筛选"]);
        Assert.Contains("department=" + Uri.EscapeDataString("计量室"), links["导出当前筛选"]);
        var export = await water.GetAsync(links["导出当前筛选"]);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(Metrology.Excel.XlsxReader.ReadRows(new MemoryStream(await export.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task Staff_list_pages_by_due_date_with_the_undated_last_next_and_previous_across_equal_dates()
    {
        var tenant = await sqlite.CreateTenantAsync("KeysetStaff");
        var prefix = "/" + tenant.RequestUrlPrefix;
        await SeedAsync(sqlite, tenant, 90, "ka");
        var expected = await InTenantAsync(sqlite, tenant, s => s.GetRequiredService<TenantDbContext>().Set<InstrumentIndex>().Where(i => i.Active)
            .OrderBy(i => i.ValidUntil == null).ThenBy(i => i.ValidUntil).ThenBy(i => i.ContentItemId).Select(i => i.SerialNumber).ToListAsync());
        using var admin = sqlite.Browser();
        await admin.LoginAsync(prefix, "admin", SiteFactory.AdminPassword);

        static List<string> Serials(AngleSharp.Dom.IDocument d) => d.QuerySelectorAll("#instruments tbody tr td:nth-child(4)").Select(td => td.TextContent.Trim()).ToList();
        var document = await admin.GetDocumentAsync($"{prefix}/admin/instruments");
        var pages = new List<List<string>>();
        while (true)
        {
            pages.Add(Serials(document));
            var next = document.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=next]")!;
            if (next.ParentElement!.ClassList.Contains("disabled")) break;
            Assert.Contains($"n={expected.Count}", next.Search);
            document = await admin.GetDocumentAsync(next.PathName + next.Search);
        }
        Assert.Equal(expected, pages.SelectMany(p => p));
        Assert.True(pages.Count > 3);

        // Previous from the last page gives the pages before it, in order.
        for (var n = pages.Count - 2; n >= 0; n--)
        {
            var previous = document.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=prev]")!;
            document = await admin.GetDocumentAsync(previous.PathName + previous.Search);
            Assert.Equal(pages[n], Serials(document));
        }
        Assert.True(document.QuerySelector<IHtmlAnchorElement>(".pagination a[rel=prev]")!.ParentElement!.ClassList.Contains("disabled"));
    }
}
