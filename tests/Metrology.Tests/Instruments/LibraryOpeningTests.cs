using Metrology.Core.Data;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>
/// The library as it opens comes, on SQLite, from a statement kept prepared (ADR 0023) rather than from EF Core: it reads
/// every value the list shows as EF Core reads it, for each enterprise and for either list in any order, and a change
/// shows at once.
/// </summary>
public sealed class LibraryOpeningTests(SiteFactory sqlite)
{
    [Fact]
    public async Task The_kept_statement_reads_what_ef_core_reads_for_each_enterprise_and_list_and_a_new_row_shows_at_once()
    {
        var tenant = await sqlite.CreateTenantAsync("Opening");
        var (mine, twin) = await LibraryPagingTests.SeedAsync(sqlite, tenant, 60, "lo");
        await LibraryPagingTests.InTenantAsync(sqlite, tenant, async s =>
        {
            var library = s.GetRequiredService<InstrumentLibrary>();
            async Task SameAsEfCore(int enterprise, bool active)
            {
                var filter = new InstrumentFilter { Active = active };
                var page = await library.PageAsync(enterprise, filter, new LibraryCursor(), 20);
                Assert.Equal(Listed(await library.Query(enterprise, filter).Take(20).ToListAsync()), Listed(page.Rows));
                Assert.Equal(await library.Query(enterprise, filter).CountAsync(), page.Count);
                Assert.NotEmpty(page.Rows);
            }
            foreach (var (enterprise, active) in new[] { (mine, true), (mine, true), (twin, true), (mine, false), (twin, false), (mine, true) })
                await SameAsEfCore(enterprise, active);

            var db = s.GetRequiredService<TenantDbContext>();
            db.Add(new InstrumentIndex
            {
                ContentItemId = "lo-new", EnterpriseId = mine, Name = "新到的压力表", ModelSpec = "Y-100", SerialNumber = "N-001", OwnNumber = "自编-1",
                CatalogCode = "S0101", Department = "计量室", Usage = 2, Mandatory = true, FilingStatus = FilingStatus.Filed, Active = true,
                FiledOn = new DateOnly(2026, 11, 30), ValidUntil = new DateOnly(2027, 11, 29),
                CreatedUtc = new DateTime(2026, 12, 1, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9), IdentityKey = "lo-new",
            });
            await db.SaveChangesAsync();
            await SameAsEfCore(mine, true);
            Assert.Equal("lo-new", (await library.PageAsync(mine, new InstrumentFilter(), new LibraryCursor(), 20)).Rows[0].ContentItemId);
            return 0;
        });
    }

    /// <summary>The values the list shows (and <c>Lapsed</c> reads), with the kind of the creation time.</summary>
    private static List<object> Listed(IEnumerable<InstrumentIndex> rows) => rows.Select(i => (object)new
    {
        i.ContentItemId, i.Name, i.ModelSpec, i.SerialNumber, i.OwnNumber, i.CatalogCode, i.Department, i.Usage, i.Mandatory, i.FilingStatus,
        i.FiledOn, i.ValidUntil, i.CreatedUtc, i.CreatedUtc.Kind,
    }).ToList();
}
