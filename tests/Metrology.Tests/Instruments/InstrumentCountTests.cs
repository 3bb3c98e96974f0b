using Metrology.Core.Data;
using Metrology.Core.Tenants;
using Metrology.Instruments;
using Metrology.Instruments.Models;
using Metrology.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Metrology.Tests.Instruments;

/// <summary>
/// The counts the database keeps per enterprise and active flag (ADR 0025), against the rows counted again: after inserts,
/// single and bulk deactivations, a move to another enterprise, deletes, a rolled-back transaction, writers at once, and
/// the migration's back-fill. The whole library's page shows the kept count. On SQLite always, on PostgreSQL when
/// METROLOGY_TEST_POSTGRES names a server.
/// </summary>
public sealed class InstrumentCountTests(SiteFactory sqlite, PostgresSiteFactory postgres)
{
    private sealed record Key(int EnterpriseId, bool Active);

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Kept_counts_follow_every_kind_of_write_and_the_back_fill_gives_the_same(string provider)
    {
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var tenant = await site.CreateTenantAsync("Counts");
        var (mine, twin) = await LibraryPagingTests.SeedAsync(site, tenant, 60, "ct");
        var seeded = await AssertKeptAsync(site, tenant);
        Assert.True(seeded[new Key(mine, true)] >= 54);

        await InTenantAsync(site, tenant, async db =>
        {
            var rows = await db.Set<InstrumentIndex>().Where(i => i.EnterpriseId == mine && i.Active).OrderBy(i => i.ContentItemId).Take(4).ToListAsync();
            rows[0].Active = false;             // deactivated
            rows[1].EnterpriseId = twin;        // moved
            rows[2].FilingStatus = FilingStatus.Filed == rows[2].FilingStatus ? FilingStatus.NotFiled : FilingStatus.Filed; // not a counted column
            db.Remove(rows[3]);                 // deleted
            await db.SaveChangesAsync();
        });
        Assert.Equal(seeded[new Key(mine, true)] - 3, (await AssertKeptAsync(site, tenant))[new Key(mine, true)]);

        await InTenantAsync(site, tenant, async db =>
        {
            // Bulk, as 停用所选 and 清理 write: one statement over many rows.
            await db.Set<InstrumentIndex>().Where(i => i.EnterpriseId == mine && i.Active && i.Department == "供水部").ExecuteUpdateAsync(u => u.SetProperty(i => i.Active, false));
            await db.Set<InstrumentIndex>().Where(i => i.EnterpriseId == twin && !i.Active).ExecuteDeleteAsync();
            await db.Set<InstrumentIndex>().Where(i => i.EnterpriseId == twin).ExecuteUpdateAsync(u => u.SetProperty(i => i.Usage, 2));
        });
        await AssertKeptAsync(site, tenant);

        // A transaction rolled back leaves the counts as they were.
        await InTenantAsync(site, tenant, async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Set<InstrumentIndex>().Where(i => i.EnterpriseId == mine).ExecuteUpdateAsync(u => u.SetProperty(i => i.Active, false));
            await tx.RollbackAsync();
        });
        await AssertKeptAsync(site, tenant);

        // Writers at once on the same counts, each in transactions of its own.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => InTenantAsync(site, tenant, async db =>
        {
            for (var n = 0; n < 10; n++)
            {
                db.Add(new InstrumentIndex
                {
                    ContentItemId = $"ctw{w}n{n}", EnterpriseId = n % 3 == 0 ? twin : mine, Name = "水表", ModelSpec = "LXS-15", SerialNumber = $"W{w}-{n}",
                    Active = n % 4 != 0, CreatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), IdentityKey = $"ctw{w}n{n}",
                });
                await db.SaveChangesAsync();
            }
        }))));
        var kept = await AssertKeptAsync(site, tenant);

        // The whole library's page and the deactivated list show the kept counts, exact.
        await LibraryPagingTests.InTenantAsync(site, tenant, async s =>
        {
            var library = s.GetRequiredService<InstrumentLibrary>();
            foreach (var active in new[] { true, false })
                foreach (var sort in new[] { "", "name" })
                {
                    var page = await library.PageAsync(mine, new InstrumentFilter { Active = active, Sort = sort }, new LibraryCursor(), 20);
                    Assert.Equal(kept.GetValueOrDefault(new Key(mine, active)), page.Count);
                    Assert.False(page.CountIsLowerBound);
                }
            return 0;
        });

        // The migration's back-fill, on the same rows, gives the same counts.
        await InTenantAsync(site, tenant, async db =>
        {
            await db.Set<InstrumentCount>().ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync(InstrumentCountSql.BackFill);
        });
        Assert.Equal(kept, await AssertKeptAsync(site, tenant));
    }

    [Theory]
    [MemberData(nameof(Providers.Available), MemberType = typeof(Providers))]
    public async Task Writes_from_a_session_that_names_the_tenants_schema_are_counted_too(string provider)
    {
        // On PostgreSQL the trigger functions run with the writing session's search_path: they keep their tenant's schema.
        var site = provider == nameof(DatabaseProvider.Postgres) ? postgres : sqlite;
        var tenant = await site.CreateTenantAsync("CountsForeign");
        var (mine, _) = await LibraryPagingTests.SeedAsync(site, tenant, 30, "cf");
        var before = await AssertKeptAsync(site, tenant);

        await LibraryPagingTests.InTenantAsync(site, tenant, async s =>
        {
            var (connection, schema) = await ForeignSession.OpenAsync(s);
            await using var _ = connection;
            Assert.True(await connection.ExecuteAsync($"UPDATE {schema}\"InstrumentIndex\" SET \"Active\" = @no WHERE \"EnterpriseId\" = @mine AND \"Department\" = '供水部'",
                ("no", false), ("mine", mine)) > 0);
            Assert.True(await connection.ExecuteAsync($"DELETE FROM {schema}\"InstrumentIndex\" WHERE \"EnterpriseId\" = @mine AND \"Active\" = @yes AND \"ContentItemId\" LIKE 'cf%2'",
                ("mine", mine), ("yes", true)) > 0);
            Assert.True(await connection.ExecuteAsync(
                $"INSERT INTO {schema}\"InstrumentIndex\" (\"ContentItemId\", \"EnterpriseId\", \"Name\", \"ModelSpec\", \"SerialNumber\", \"Usage\", \"Mandatory\", " +
                "\"FilingStatus\", \"Active\", \"CreatedUtc\", \"IdentityKey\") " +
                $"SELECT 'x' || \"ContentItemId\", \"EnterpriseId\", \"Name\", \"ModelSpec\", 'X' || \"SerialNumber\", \"Usage\", \"Mandatory\", \"FilingStatus\", \"Active\", " +
                $"\"CreatedUtc\", 'x' || \"IdentityKey\" FROM {schema}\"InstrumentIndex\" WHERE \"EnterpriseId\" = @mine", ("mine", mine)) > 0);
            return 0;
        });

        var after = await AssertKeptAsync(site, tenant);
        Assert.NotEqual(before[new Key(mine, true)], after[new Key(mine, true)]);
    }

    private static Task InTenantAsync(SiteFactory site, TenantSettings tenant, Func<TenantDbContext, Task> work) =>
        LibraryPagingTests.InTenantAsync(site, tenant, async s => { await work(s.GetRequiredService<TenantDbContext>()); return 0; });

    /// <summary>Asserts the kept counts (the zero ones left out) are the rows counted again; returns them.</summary>
    private static async Task<Dictionary<Key, int>> AssertKeptAsync(SiteFactory site, TenantSettings tenant)
    {
        return await LibraryPagingTests.InTenantAsync(site, tenant, async s =>
        {
            var db = s.GetRequiredService<TenantDbContext>();
            var counted = (await db.Set<InstrumentIndex>().AsNoTracking().Select(i => new { i.EnterpriseId, i.Active }).ToListAsync())
                .GroupBy(i => new Key(i.EnterpriseId, i.Active)).ToDictionary(g => g.Key, g => g.Count());
            var kept = (await db.Set<InstrumentCount>().AsNoTracking().Where(c => c.Count != 0).ToListAsync())
                .ToDictionary(c => new Key(c.EnterpriseId, c.Active), c => c.Count);
            Assert.Equal(counted.OrderBy(c => c.Key.EnterpriseId).ThenBy(c => c.Key.Active), kept.OrderBy(c => c.Key.EnterpriseId).ThenBy(c => c.Key.Active));
            return kept;
        });
    }
}
